using DigitForge.Application.Training;
using DigitForge.Application.Training.Layers;

namespace DigitForge.Application.Experiments.Compositional;

/// <summary>
/// FaceScrub's backbone (spec B.6: Inception-v3, no aux logits, 100x100 RGB, 388 classes): torchvision's Inception3
/// (models/inception.py) layer for layer, every channel count times the preset's <c>width</c>. BasicConv2d = Conv2d
/// without bias → BatchNorm2d(eps 0.001) → ReLU. Stem Conv2d_1a 3x3/2 32, 2a 3x3 32, 2b 3x3 pad 1 64, max-pool 3/2,
/// 3b 1x1 80, 4a 3x3 192, max-pool 3/2; Mixed_5b-5d (InceptionA, pool features 32, 64, 64), Mixed_6a (InceptionB),
/// Mixed_6b-6e (InceptionC, 7x7 channels 128, 160, 160, 192), Mixed_7a (InceptionD), Mixed_7b-7c (InceptionE);
/// adaptive average pool to 1x1, flatten, dropout 0.5, Linear(2048·width → classes). Each Mixed block is one
/// <see cref="BranchesLayer"/> (concat); InceptionE's split 1x3 / 3x1 convolutions are branches inside a branch; the
/// pool branches use avg_pool2d 3x3 stride 1 pad 1 (count_include_pad, as F.avg_pool2d) or max_pool2d 3/2. Ours:
/// the flatten comes before the dropout (the same function) so that the penultimate representation (the contrastive
/// losses') is the pooled 2048·width features; torchvision's weight init (truncated normal std 0.1) is not copied,
/// libtorch's defaults are used. On 100x100: 49 → 47 → 23 → 21 → 10 (Mixed_5) → 4 (Mixed_6) → 1 (Mixed_7).
/// Module levels (<see cref="LevelNames"/>): after Conv2d_1a (the spec's "first conv" fallback), after the first
/// max-pool, after the stem's last max-pool, after Mixed_5d, after Mixed_6e, after Mixed_7c ("last conv").
/// </summary>
public static class CompositionalInception
{
    public const string Name = "Inception-v3";

    /// <summary>The block each module level follows, in level order.</summary>
    public static IReadOnlyList<string> LevelNames { get; } = ["Conv2d_1a_3x3", "maxpool1", "maxpool2", "Mixed_5d", "Mixed_6e", "Mixed_7c"];

    public static CompositionalBackbone Build(int size, int channels, int classes, double width)
    {
        int W(int n) => CompositionalModels.Width(n, width);
        var layers = new List<LayerDescription>();
        var levels = new List<(int Level, int[] Shape)>();
        int c = channels, s = size;
        void Level() => levels.Add((layers.Count, [c, s, s]));
        void Stem(int output, int kernel, int stride = 1, int padding = 0)
        {
            layers.AddRange(Basic(c, W(output), kernel, stride, padding));
            c = W(output);
            s = ((s + (2 * padding) - kernel) / stride) + 1;
        }

        void MaxPool()
        {
            layers.Add(new MaxPool2dLayer(3, 2));
            s = ((s - 3) / 2) + 1;
        }

        void Mixed((LayerDescription Layer, int Channels) block, bool halves = false)
        {
            layers.Add(block.Layer);
            c = block.Channels;
            s = halves ? ((s - 3) / 2) + 1 : s;
        }

        Stem(32, 3, stride: 2);
        Level();
        Stem(32, 3);
        Stem(64, 3, padding: 1);
        MaxPool();
        Level();
        Stem(80, 1);
        Stem(192, 3);
        MaxPool();
        Level();
        Mixed(InceptionA(c, 32, W));
        Mixed(InceptionA(c, 64, W));
        Mixed(InceptionA(c, 64, W));
        Level();
        Mixed(InceptionB(c, W), halves: true);
        foreach (int c7 in new[] { 128, 160, 160, 192 })
        {
            Mixed(InceptionC(c, c7, W));
        }

        Level();
        Mixed(InceptionD(c, W), halves: true);
        Mixed(InceptionE(c, W));
        Mixed(InceptionE(c, W));
        Level();
        if (s < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "Inception-v3 needs images of at least 75x75.");
        }

        layers.Add(new AdaptiveAvgPool2dLayer(1));
        layers.Add(new FlattenLayer());
        int embedding = layers.Count;
        layers.Add(new DropoutLayer(0.5));
        layers.Add(new LinearLayer(c, classes));
        return new CompositionalBackbone(Name, new ModelDescription([channels, size, size], layers), embedding, levels);
    }

    /// <summary>BasicConv2d: Conv2d (no bias) → BatchNorm2d(eps 0.001) → ReLU.</summary>
    public static LayerDescription[] Basic(int input, int output, SpatialPair kernel, int stride = 1, SpatialPair padding = default) =>
        [new Conv2dLayer(input, output, kernel, Stride: stride, Padding: padding, Bias: false), new BatchNorm2dLayer(output, Eps: 1e-3), new ReluLayer()];

    private static AvgPool2dLayer AvgPool3() => new(3, 1, Padding: 1);

    public static (LayerDescription Layer, int Channels) InceptionA(int input, int poolFeatures, Func<int, int> w)
    {
        ArgumentNullException.ThrowIfNull(w);
        int b1 = w(64), b5a = w(48), b5 = w(64), d1 = w(64), d2 = w(96), pool = w(poolFeatures);
        return (new BranchesLayer(
        [
            Basic(input, b1, 1),
            [.. Basic(input, b5a, 1), .. Basic(b5a, b5, 5, padding: 2)],
            [.. Basic(input, d1, 1), .. Basic(d1, d2, 3, padding: 1), .. Basic(d2, d2, 3, padding: 1)],
            [AvgPool3(), .. Basic(input, pool, 1)],
        ]), b1 + b5 + d2 + pool);
    }

    public static (LayerDescription Layer, int Channels) InceptionB(int input, Func<int, int> w)
    {
        ArgumentNullException.ThrowIfNull(w);
        int b3 = w(384), d1 = w(64), d2 = w(96);
        return (new BranchesLayer(
        [
            Basic(input, b3, 3, stride: 2),
            [.. Basic(input, d1, 1), .. Basic(d1, d2, 3, padding: 1), .. Basic(d2, d2, 3, stride: 2)],
            [new MaxPool2dLayer(3, 2)],
        ]), b3 + d2 + input);
    }

    public static (LayerDescription Layer, int Channels) InceptionC(int input, int channels7x7, Func<int, int> w)
    {
        ArgumentNullException.ThrowIfNull(w);
        int b1 = w(192), c7 = w(channels7x7), o = w(192);
        SpatialPair k17 = new(1, 7), p17 = new(0, 3), k71 = new(7, 1), p71 = new(3, 0);
        return (new BranchesLayer(
        [
            Basic(input, b1, 1),
            [.. Basic(input, c7, 1), .. Basic(c7, c7, k17, padding: p17), .. Basic(c7, o, k71, padding: p71)],
            [
                .. Basic(input, c7, 1), .. Basic(c7, c7, k71, padding: p71), .. Basic(c7, c7, k17, padding: p17),
                .. Basic(c7, c7, k71, padding: p71), .. Basic(c7, o, k17, padding: p17),
            ],
            [AvgPool3(), .. Basic(input, o, 1)],
        ]), b1 + o + o + o);
    }

    public static (LayerDescription Layer, int Channels) InceptionD(int input, Func<int, int> w)
    {
        ArgumentNullException.ThrowIfNull(w);
        int a1 = w(192), a2 = w(320), b = w(192);
        return (new BranchesLayer(
        [
            [.. Basic(input, a1, 1), .. Basic(a1, a2, 3, stride: 2)],
            [
                .. Basic(input, b, 1), .. Basic(b, b, new SpatialPair(1, 7), padding: new SpatialPair(0, 3)),
                .. Basic(b, b, new SpatialPair(7, 1), padding: new SpatialPair(3, 0)), .. Basic(b, b, 3, stride: 2),
            ],
            [new MaxPool2dLayer(3, 2)],
        ]), a2 + b + input);
    }

    public static (LayerDescription Layer, int Channels) InceptionE(int input, Func<int, int> w)
    {
        ArgumentNullException.ThrowIfNull(w);
        int b1 = w(320), b3 = w(384), d1 = w(448), d2 = w(384), pool = w(192);
        SpatialPair k13 = new(1, 3), p13 = new(0, 1), k31 = new(3, 1), p31 = new(1, 0);
        return (new BranchesLayer(
        [
            Basic(input, b1, 1),
            [.. Basic(input, b3, 1), new BranchesLayer([Basic(b3, b3, k13, padding: p13), Basic(b3, b3, k31, padding: p31)])],
            [
                .. Basic(input, d1, 1), .. Basic(d1, d2, 3, padding: 1),
                new BranchesLayer([Basic(d2, d2, k13, padding: p13), Basic(d2, d2, k31, padding: p31)]),
            ],
            [AvgPool3(), .. Basic(input, pool, 1)],
        ]), b1 + (2 * b3) + (2 * d2) + pool);
    }
}
