using DigitForge.Domain.Corruptions.Compositions;

namespace DigitForge.Application.Experiments.Compositional;

/// <summary>
/// The 7 elemental training sets as the compositional-benchmark generator lays them out: row i is elemental
/// i mod 7 (identity, contrast, gaussian_blur, impulse_noise, invert, rotate90, swirl) of source image i / 7, so the
/// rows of one image are its paired views. Pixels are normalised as the reference does (mean 0.5, std 0.5: -1..1), and
/// colour rows (FaceScrub) go from the datasets' height-width-channel order to the channel-first order convolutions take.
/// </summary>
public sealed class ElementalTrainingSet
{
    public ElementalTrainingSet(float[] pixels01, long[] labels, int size, int channels = 1)
    {
        ArgumentNullException.ThrowIfNull(pixels01);
        ArgumentNullException.ThrowIfNull(labels);
        Size = size;
        Channels = channels;
        Views = CompositionalSet.Elementals.Count;
        if (labels.Length % Views != 0 || pixels01.Length != (long)labels.Length * size * size * channels)
        {
            throw new ArgumentException($"Expected whole groups of {Views} rows of {size}x{size}x{channels} pixels.", nameof(labels));
        }

        X = new float[pixels01.Length];
        for (int row = 0; row < labels.Length; row++)
        {
            ToChannelsFirst(pixels01.AsSpan(row * Pixels, Pixels), X.AsSpan(row * Pixels, Pixels), channels, p => Normalise(p));
        }

        Y = labels;
        Images = labels.Length / Views;
    }

    public int Size { get; }

    public int Channels { get; }

    /// <summary>Floats per row: channels x size x size.</summary>
    public int Pixels => Channels * Size * Size;

    /// <summary>Rows per image (7).</summary>
    public int Views { get; }

    /// <summary>Source images.</summary>
    public int Images { get; }

    /// <summary>All rows, normalised, [Images * Views, Channels, Size, Size].</summary>
    public float[] X { get; }

    public long[] Y { get; }

    public static float Normalise(float pixel01) => (pixel01 - 0.5f) / 0.5f;

    /// <summary>One row from (height, width, channels) to (channels, height, width), each value through <paramref name="map"/>.</summary>
    public static void ToChannelsFirst<T>(ReadOnlySpan<T> hwc, Span<float> chw, int channels, Func<T, float> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        int plane = hwc.Length / channels;
        for (int p = 0; p < plane; p++)
        {
            for (int c = 0; c < channels; c++)
            {
                chw[(c * plane) + p] = map(hwc[(p * channels) + c]);
            }
        }
    }

    /// <summary>The rows of one elemental (index into <see cref="CompositionalSet.Elementals"/>), image order.</summary>
    public (float[] X, long[] Y) Elemental(int elemental)
    {
        var x = new float[Images * Pixels];
        var y = new long[Images];
        for (int g = 0; g < Images; g++)
        {
            int row = (g * Views) + elemental;
            Array.Copy(X, (long)row * Pixels, x, (long)g * Pixels, Pixels);
            y[g] = Y[row];
        }

        return (x, y);
    }
}
