using DigitForge.Application.Training;
using DigitForge.Application.Training.Layers;

namespace DigitForge.Application.Experiments.Gan;

/// <summary>
/// GASTeN's DCGAN (specs/gasten.md §2) as model descriptions, for any square image size and channel count.
/// Generator: z → Linear(z, c·s·s, no bias) → BatchNorm1d → ReLU → reshape (c, s, s), then per block
/// ConvTranspose2d(k5, s2, "same"-style padding, no bias) → BatchNorm2d → ReLU, the last one to the image's
/// channels → Tanh. Discriminator: per block Conv2d(k5, s2, p2, no bias) → [BatchNorm2d] → LeakyReLU(0.2), the first
/// without norm, then Flatten → Linear(→1) → Sigmoid (non-saturating loss). Spatial sizes come from repeated
/// ceil(size/2) (28 → 14 → 7 → 4); block i has filter_dim·2^i channels. With 28×28×1, z 64 and filter dims 64 the
/// generator has 1,296,320 parameters and the discriminator 1,030,465, as the reference.
/// </summary>
public static class DcganModels
{
    public const int Blocks = 3;
    public const int KernelSize = 5;

    /// <summary>The engine's init preset: conv weights N(0, 0.02), batch-norm weights N(1, 0.02), biases 0; linear layers keep PyTorch's default.</summary>
    public const string Init = "dcgan";

    /// <summary>The generator: input [z_dim], output [channels, size, size] in (-1, 1).</summary>
    public static ModelDescription Generator(int zDim = 64, int filterDim = 64, int channels = 1, int size = 28, int blocks = Blocks)
    {
        Check(zDim, filterDim, channels, size, blocks);
        int[] sizes = Sizes(size, blocks);
        int first = filterDim << (blocks - 1);
        var layers = new List<LayerDescription>
        {
            new LinearLayer(zDim, first * sizes[blocks] * sizes[blocks], Bias: false),
            new BatchNorm1dLayer(first * sizes[blocks] * sizes[blocks]),
            new ReluLayer(),
            new ReshapeLayer([first, sizes[blocks], sizes[blocks]]),
        };
        for (int i = blocks - 1; i >= 0; i--)
        {
            int input = filterDim << i;
            int output = i == 0 ? channels : filterDim << (i - 1);
            var (padding, outputPadding) = SamePadding(sizes[i + 1], sizes[i]);
            layers.Add(new ConvTranspose2dLayer(input, output, KernelSize, Stride: 2, Padding: padding, OutputPadding: outputPadding, Bias: false));
            if (i > 0)
            {
                layers.Add(new BatchNorm2dLayer(output));
                layers.Add(new ReluLayer());
            }
        }

        layers.Add(new TanhLayer());
        return new ModelDescription([zDim], layers, Init);
    }

    /// <summary>
    /// The discriminator: input [channels, size, size], one probability per row; for WGAN-GP (<paramref name="wgan"/>)
    /// a critic: LayerNorm instead of BatchNorm (the gradient penalty needs per-sample outputs) and no sigmoid.
    /// </summary>
    public static ModelDescription Discriminator(int filterDim = 64, int channels = 1, int size = 28, int blocks = Blocks, bool wgan = false)
    {
        Check(1, filterDim, channels, size, blocks);
        int[] sizes = Sizes(size, blocks);
        var layers = new List<LayerDescription>();
        for (int i = 0; i < blocks; i++)
        {
            int input = i == 0 ? channels : filterDim << (i - 1);
            int output = filterDim << i;
            layers.Add(new Conv2dLayer(input, output, KernelSize, Stride: 2, Padding: 2, Bias: false));
            if (i > 0)
            {
                layers.Add(wgan ? new LayerNormLayer([output, sizes[i + 1], sizes[i + 1]]) : new BatchNorm2dLayer(output));
            }

            layers.Add(new LeakyReluLayer(0.2));
        }

        layers.Add(new FlattenLayer());
        layers.Add(new LinearLayer((filterDim << (blocks - 1)) * sizes[blocks] * sizes[blocks], 1));
        if (!wgan)
        {
            layers.Add(new SigmoidLayer());
        }

        return new ModelDescription([channels, size, size], layers, Init);
    }

    /// <summary>size, ceil(size/2), ... (<paramref name="blocks"/> halvings): 28, 14, 7, 4.</summary>
    public static int[] Sizes(int size, int blocks)
    {
        int[] sizes = new int[blocks + 1];
        sizes[0] = size;
        for (int i = 1; i <= blocks; i++)
        {
            sizes[i] = (sizes[i - 1] + 1) / 2;
        }

        return sizes;
    }

    /// <summary>
    /// The reference's transposed-conv padding from <paramref name="input"/> to <paramref name="output"/> (stride 2,
    /// kernel 5): res = (in − 1)·2 − out + 5, output_padding = res mod 2, padding = (res + output_padding) / 2.
    /// </summary>
    public static (int Padding, int OutputPadding) SamePadding(int input, int output)
    {
        int res = ((input - 1) * 2) - output + KernelSize;
        int outputPadding = res % 2;
        return ((res + outputPadding) / 2, outputPadding);
    }

    /// <summary>Trainable parameters of a description (weights and biases; batch-norm running statistics are buffers).</summary>
    public static long ParameterCount(ModelDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return description.Layers.Sum(Count);

        static long Count(LayerDescription layer) => layer switch
        {
            LinearLayer l => ((long)l.InFeatures * l.OutFeatures) + (l.Bias ? l.OutFeatures : 0),
            Conv2dLayer c => ((long)c.InChannels * c.OutChannels * c.KernelSize.Area) + (c.Bias ? c.OutChannels : 0),
            ConvTranspose2dLayer c => ((long)c.InChannels * c.OutChannels * c.KernelSize * c.KernelSize) + (c.Bias ? c.OutChannels : 0),
            BatchNorm1dLayer b => 2L * b.NumFeatures,
            BatchNorm2dLayer b => 2L * b.NumFeatures,
            LayerNormLayer n => n.ElementwiseAffine ? 2L * n.NormalizedShape.Aggregate(1L, (a, d) => a * d) : 0,
            ResidualLayer r => r.Layers.Sum(Count),
            BranchesLayer b => b.Branches.Sum(branch => branch.Sum(Count)),
            _ => 0,
        };
    }

    private static void Check(int zDim, int filterDim, int channels, int size, int blocks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(zDim, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(filterDim, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(blocks, 1);
        if (size < 1 << blocks)
        {
            throw new ArgumentOutOfRangeException(nameof(size), $"Images of {size} pixels are too small for {blocks} stride-2 blocks.");
        }
    }
}
