using DigitForge.Application.Training;
using DigitForge.Application.Training.Layers;

namespace DigitForge.Application.Experiments.Compositional;

/// <summary>
/// CIFAR-10's backbone (spec B.6: "ResNet-18 blocks (no max-pool)"): the CIFAR form of ResNet-18. A 3x3 stem conv
/// (64, stride 1, no bias) → BatchNorm → ReLU, no max-pool; 4 stages × 2 BasicBlocks of 64, 128, 256, 512 channels,
/// stride 2 at the first block of stages 2-4; global average pool; Linear(→classes). Every width times the preset's
/// <c>width</c>. A BasicBlock is relu(body(x) + shortcut(x)), body = conv3x3(stride) → BN → ReLU → conv3x3 → BN: the
/// identity shortcut is a <see cref="ResidualLayer"/>, the projection shortcut (1x1 conv stride 2 → BN, where the
/// shape changes) a <see cref="BranchesLayer"/> summing body and shortcut; either is followed by a ReLU layer.
/// Module levels: after the stem (the spec's "first conv" fallback) and after each stage (the last = "last conv").
/// </summary>
public static class CompositionalResNet
{
    private static readonly int[] StageChannels = [64, 128, 256, 512];

    public const string Name = "ResNet-18";

    public static CompositionalBackbone Build(int size, int channels, int classes, double width)
    {
        var layers = new List<LayerDescription>();
        var levels = new List<(int Level, int[] Shape)>();
        int c = CompositionalModels.Width(64, width), s = size;
        layers.AddRange(ConvBn(channels, c, 3, 1));
        layers.Add(new ReluLayer());
        levels.Add((layers.Count, [c, s, s]));
        for (int stage = 0; stage < StageChannels.Length; stage++)
        {
            int output = CompositionalModels.Width(StageChannels[stage], width);
            for (int block = 0; block < 2; block++)
            {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                layers.Add(BasicBlock(c, output, stride));
                layers.Add(new ReluLayer());
                c = output;
                s = ((s - 1) / stride) + 1;
            }

            levels.Add((layers.Count, [c, s, s]));
        }

        layers.Add(new AdaptiveAvgPool2dLayer(1));
        layers.Add(new FlattenLayer());
        int embedding = layers.Count;
        layers.Add(new LinearLayer(c, classes));
        return new CompositionalBackbone(Name, new ModelDescription([channels, size, size], layers), embedding, levels);
    }

    /// <summary>A BasicBlock without its final ReLU: x + body(x), or body(x) + projection(x) when the shape changes.</summary>
    public static LayerDescription BasicBlock(int input, int output, int stride)
    {
        List<LayerDescription> body = [.. ConvBn(input, output, 3, stride), new ReluLayer(), .. ConvBn(output, output, 3, 1)];
        return stride == 1 && input == output
            ? new ResidualLayer(body)
            : new BranchesLayer([body, [new Conv2dLayer(input, output, 1, Stride: stride, Bias: false), new BatchNorm2dLayer(output)]], BranchMerge.Sum);
    }

    private static LayerDescription[] ConvBn(int input, int output, int kernel, int stride) =>
        [new Conv2dLayer(input, output, kernel, Stride: stride, Padding: kernel / 2, Bias: false), new BatchNorm2dLayer(output)];
}
