using System.Buffers;

namespace DigitForge.Domain.Morphology;

/// <summary>Measures digits as Morpho-MNIST's <c>measure_image</c> (threshold 0.5, scale 4, bound_frac 0.02 by default).</summary>
public static class MorphometricsCalculator
{
    public const double DefaultBoundFraction = 0.02;

    public static Morphometrics Measure(ReadOnlySpan<byte> image, int height, int width, double threshold = ImageMorphology.DefaultThreshold, int scale = ImageMorphology.DefaultScale, double boundFraction = DefaultBoundFraction) =>
        Measure(ImageMorphology.Analyse(image, height, width, threshold, scale), boundFraction);

    public static Morphometrics Measure(ImageMorphology morph, double boundFraction = DefaultBoundFraction)
    {
        ArgumentNullException.ThrowIfNull(morph);
        if (morph.IsConstant)
        {
            return Morphometrics.NaN;
        }

        int h = morph.HiresHeight, w = morph.HiresWidth;
        double[] rented = ArrayPool<double>.Shared.Rent(h * w);
        var grey = rented.AsSpan(0, h * w);
        for (int i = 0; i < grey.Length; i++)
        {
            grey[i] = morph.HiresImage[i];
        }

        var moments = ImageMoments.Of(morph.HiresImage, h, w);
        double slant = Math.Atan(-moments.HorizontalShear);
        var (left, right, top, bottom) = BoundingParallelogram.Bounds(grey, h, w, boundFraction, moments);
        ArrayPool<double>.Shared.Return(rented);
        return new Morphometrics(
            morph.Area,
            morph.StrokeLength,
            morph.MeanThickness,
            slant,
            (right - left) / morph.Scale,
            (bottom - top) / morph.Scale);
    }
}
