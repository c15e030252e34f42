using DigitForge.Application.Training.Layers;

namespace DigitForge.Application.Training;

/// <summary>
/// The DCGAN generator and discriminator of GASTeN (../shared/specs/gasten.md §2) as model descriptions for the
/// engine's <c>gan</c> task. Spatial sizes come from repeated ceil(size / 2) (28 → 14 → 7 → 4), channels per block are
/// filterDim · 2^i, transposed convolutions use "same"-style padding (res = (in − 1)·2 − out + 5, output_padding =
/// res mod 2, padding = (res + output_padding) / 2), no convolution has a bias, and the <c>dcgan</c> init preset applies.
/// </summary>
public static class DcganModels
{
    private const int Kernel = 5;

    /// <summary>z [zDim] → Linear (no bias) → BN1d → ReLU → [top channels, s, s] → (ConvT → BN2d → ReLU)* → ConvT → Tanh.</summary>
    public static ModelDescription Generator(int zDim = 64, int filterDim = 64, int blocks = 3, int channels = 1, int imageSize = 28)
    {
        int[] sizes = Sizes(imageSize, blocks);
        int top = filterDim << (blocks - 1);
        int s = sizes[blocks];
        var layers = new List<LayerDescription>
        {
            new LinearLayer(zDim, top * s * s, Bias: false),
            new BatchNorm1dLayer(top * s * s),
            new ReluLayer(),
            new ReshapeLayer([top, s, s]),
        };
        for (int i = blocks - 1; i >= 0; i--)
        {
            int input = filterDim << i;
            int output = i == 0 ? channels : filterDim << (i - 1);
            int from = sizes[i + 1];
            int to = sizes[i];
            int res = ((from - 1) * 2) - to + Kernel;
            int outputPadding = res % 2;
            layers.Add(new ConvTranspose2dLayer(input, output, Kernel, Stride: 2, Padding: (res + outputPadding) / 2, OutputPadding: outputPadding, Bias: false));
            if (i > 0)
            {
                layers.Add(new BatchNorm2dLayer(output));
                layers.Add(new ReluLayer());
            }
        }

        layers.Add(new TanhLayer());
        return new ModelDescription([zDim], layers) { Init = "dcgan" };
    }

    /// <summary>
    /// Image → Conv (no bias) → LReLU(0.2) → (Conv (no bias) → BN2d → LReLU(0.2))* → Flatten → Linear(→ 1) → Sigmoid.
    /// With <paramref name="wgan"/> (WGAN-GP's critic) the batch norms become layer norms and there is no sigmoid.
    /// </summary>
    public static ModelDescription Discriminator(int filterDim = 64, int blocks = 3, int channels = 1, int imageSize = 28, bool wgan = false)
    {
        int[] sizes = Sizes(imageSize, blocks);
        var layers = new List<LayerDescription>();
        for (int i = 0; i < blocks; i++)
        {
            int input = i == 0 ? channels : filterDim << (i - 1);
            int output = filterDim << i;
            layers.Add(new Conv2dLayer(input, output, Kernel, Stride: 2, Padding: 2, Bias: false));
            if (i > 0)
            {
                layers.Add(wgan ? new LayerNormLayer([output, sizes[i + 1], sizes[i + 1]]) : new BatchNorm2dLayer(output));
            }

            layers.Add(new LeakyReluLayer(0.2));
        }

        int features = (filterDim << (blocks - 1)) * sizes[blocks] * sizes[blocks];
        layers.Add(new FlattenLayer());
        layers.Add(new LinearLayer(features, 1));
        if (!wgan)
        {
            layers.Add(new SigmoidLayer());
        }

        return new ModelDescription([channels, imageSize, imageSize], layers) { Init = "dcgan" };
    }

    private static int[] Sizes(int imageSize, int blocks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(imageSize, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(blocks, 1);
        var sizes = new int[blocks + 1];
        sizes[0] = imageSize;
        for (int i = 1; i <= blocks; i++)
        {
            sizes[i] = (sizes[i - 1] + 1) / 2;
        }

        return sizes;
    }
}
