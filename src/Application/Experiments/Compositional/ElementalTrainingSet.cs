using DigitForge.Domain.Corruptions.Compositions;

namespace DigitForge.Application.Experiments.Compositional;

/// <summary>
/// The 7 elemental training sets as the compositional-benchmark generator lays them out: row i is elemental
/// i mod 7 (identity, contrast, gaussian_blur, impulse_noise, invert, rotate90, swirl) of source image i / 7, so the
/// rows of one image are its paired views. Pixels are normalised as the reference does (mean 0.5, std 0.5: -1..1).
/// </summary>
public sealed class ElementalTrainingSet
{
    public ElementalTrainingSet(float[] pixels01, long[] labels, int size)
    {
        ArgumentNullException.ThrowIfNull(pixels01);
        ArgumentNullException.ThrowIfNull(labels);
        Size = size;
        Views = CompositionalSet.Elementals.Count;
        if (labels.Length % Views != 0 || pixels01.Length != labels.Length * size * size)
        {
            throw new ArgumentException($"Expected whole groups of {Views} rows of {size}x{size} pixels.", nameof(labels));
        }

        X = new float[pixels01.Length];
        for (int i = 0; i < X.Length; i++)
        {
            X[i] = Normalise(pixels01[i]);
        }

        Y = labels;
        Images = labels.Length / Views;
    }

    public int Size { get; }

    public int Pixels => Size * Size;

    /// <summary>Rows per image (7).</summary>
    public int Views { get; }

    /// <summary>Source images.</summary>
    public int Images { get; }

    /// <summary>All rows, normalised, [Images * Views, 1, Size, Size].</summary>
    public float[] X { get; }

    public long[] Y { get; }

    public static float Normalise(float pixel01) => (pixel01 - 0.5f) / 0.5f;

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
