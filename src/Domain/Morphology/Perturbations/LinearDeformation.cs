namespace DigitForge.Domain.Morphology.Perturbations;

/// <summary>
/// DeepSCM's linear deformations: the binary image warped (nearest neighbour) about the centroid of its own moments by
/// a horizontal map x' = a (x - cx) + b (y - cy) + cx.
/// </summary>
internal static class LinearDeformation
{
    public static bool[] Apply(ImageMorphology morph, ImageMoments moments, double a, double b)
    {
        double cx = moments.M10, cy = moments.M01;
        return BinaryMorphology.Warp(morph, (x, y) => ((a * (x - cx)) + (b * (y - cy)) + cx, y));
    }

    public static ImageMoments BinaryMoments(ImageMorphology morph)
    {
        BinaryMorphology.MeanThicknessOrThrow(morph);
        return ImageMoments.Of(morph.BinaryImage, morph.HiresHeight, morph.HiresWidth);
    }
}
