using DigitForge.Application.Training;
using DigitForge.Application.Training.Layers;

namespace DigitForge.Application.Experiments.Compositional;

/// <summary>
/// The networks of the compositional-robustness methods (specs/sequences-corruptions.md B.6) as engine model
/// descriptions. The backbone is the reference's DTN-style CNN for 28x28 grey images: 4 blocks of Conv2d(5x5,
/// stride 2, padding 2) → BatchNorm2d → ReLU → Dropout (.1, .3, .5, .5) with 64, 128, 256, 256 channels, then
/// Flatten → Linear(→512) → BatchNorm1d → ReLU → Dropout(.5) → Linear(→classes), every width times
/// <c>width</c> so that CPU presets are small. The reference uses Dropout2d and RGB inputs; the engine has
/// element-wise dropout and our sources are grey, so those two differ.
/// </summary>
public static class CompositionalModels
{
    private static readonly int[] Channels = [64, 128, 256, 256];
    private static readonly double[] Dropouts = [0.1, 0.3, 0.5, 0.5];

    /// <summary>Layers per conv block: a module after block b (1-based) sits at level 4·b.</summary>
    public const int LayersPerBlock = 4;

    /// <summary>Layers up to the penultimate representation (after the FC block's ReLU, before its dropout).</summary>
    public const int EmbeddingLayers = (4 * LayersPerBlock) + 4;

    /// <summary>Level after the first conv block (the spec's fallback for contrast, gaussian_blur, impulse_noise, invert).</summary>
    public const int FirstConvLevel = LayersPerBlock;

    /// <summary>Level after the last conv block (the spec's fallback for rotate90 and swirl).</summary>
    public const int LastConvLevel = 4 * LayersPerBlock;

    /// <summary>The levels the automatic choice compares: after each conv block.</summary>
    public static IReadOnlyList<int> CandidateLevels { get; } = [4, 8, 12, 16];

    public static int Width(int channels, double width) => Math.Max(4, (int)Math.Round(channels * width));

    /// <summary>Spatial size after <paramref name="blocks"/> stride-2 convolutions of kernel 5 and padding 2.</summary>
    public static int SizeAfter(int size, int blocks)
    {
        for (int i = 0; i < blocks; i++)
        {
            size = ((size - 1) / 2) + 1;
        }

        return size;
    }

    public static ModelDescription Backbone(int size, int classes, double width)
    {
        var layers = new List<LayerDescription>();
        int input = 1;
        for (int b = 0; b < Channels.Length; b++)
        {
            int output = Width(Channels[b], width);
            layers.Add(new Conv2dLayer(input, output, 5, Stride: 2, Padding: 2));
            layers.Add(new BatchNorm2dLayer(output));
            layers.Add(new ReluLayer());
            layers.Add(new DropoutLayer(Dropouts[b]));
            input = output;
        }

        int last = SizeAfter(size, Channels.Length);
        int hidden = Width(512, width);
        layers.Add(new FlattenLayer());
        layers.Add(new LinearLayer(input * last * last, hidden));
        layers.Add(new BatchNorm1dLayer(hidden));
        layers.Add(new ReluLayer());
        layers.Add(new DropoutLayer(0.5));
        layers.Add(new LinearLayer(hidden, classes));
        return new ModelDescription([1, size, size], layers);
    }

    /// <summary>The backbone's activation shape after <paramref name="level"/> layers (a conv block boundary).</summary>
    public static int[] ActivationShape(int size, double width, int level)
    {
        int blocks = level / LayersPerBlock;
        if (level % LayersPerBlock != 0 || blocks < 1 || blocks > Channels.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "Modules sit after a conv block.");
        }

        int s = SizeAfter(size, blocks);
        return [Width(Channels[blocks - 1], width), s, s];
    }

    /// <summary>
    /// An AutoModules module: x + (Conv2d 3x3 → BatchNorm2d → ReLU)(x), shape-preserving. Residual, so that an
    /// untrained module starts near the identity the frozen backbone expects (our choice; the reference's module
    /// bodies are its own small conv stacks).
    /// </summary>
    public static ModelDescription Module(int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        int c = shape[0];
        return new ModelDescription(shape, [new ResidualLayer([new Conv2dLayer(c, c, 3, Padding: 1), new BatchNorm2dLayer(c), new ReluLayer()])]);
    }

    /// <summary>
    /// ImgSpace's autoencoder: two stride-2 3x3 convolutions down (16, 32 channels times width, at least 8) and two
    /// transposed ones back up to one channel of the same size, linear output (the targets are normalised pixels).
    /// </summary>
    public static ModelDescription Autoencoder(int size, double width, int channels = 1)
    {
        int a = Math.Max(8, (int)Math.Round(32 * width));
        int b = Math.Max(8, (int)Math.Round(64 * width));
        int s1 = SizeAfterConv3(size);
        int s2 = SizeAfterConv3(s1);
        return new ModelDescription([channels, size, size],
        [
            new Conv2dLayer(channels, a, 3, Stride: 2, Padding: 1),
            new ReluLayer(),
            new Conv2dLayer(a, b, 3, Stride: 2, Padding: 1),
            new ReluLayer(),
            new ConvTranspose2dLayer(b, a, 3, Stride: 2, Padding: 1, OutputPadding: s1 - (((s2 - 1) * 2) - 2 + 3)),
            new ReluLayer(),
            new ConvTranspose2dLayer(a, channels, 3, Stride: 2, Padding: 1, OutputPadding: size - (((s1 - 1) * 2) - 2 + 3)),
        ]);
    }

    private static int SizeAfterConv3(int size) => ((size - 1) / 2) + 1;
}
