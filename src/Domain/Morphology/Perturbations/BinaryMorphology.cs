namespace DigitForge.Domain.Morphology.Perturbations;

/// <summary>
/// Binary erosion and dilation by skimage's <c>disk(r)</c> = {i^2 + j^2 &lt;= r^2}, through the exact distance map: a
/// pixel survives erosion when its squared distance to the background exceeds r^2, and dilation adds every pixel whose
/// squared distance to the foreground is at most r^2. This equals grey erosion/dilation with reflected borders.
/// </summary>
internal static class BinaryMorphology
{
    public static bool[] Erode(ImageMorphology morph, int radius)
    {
        var result = new bool[morph.BinaryImage.Length];
        long r2 = (long)radius * radius;
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = morph.BinaryImage[i] && morph.SquaredDistance[i] > r2;
        }

        return result;
    }

    public static bool[] Dilate(ImageMorphology morph, int radius)
    {
        var toForeground = new int[morph.BinaryImage.Length];
        EuclideanDistance.Squared(morph.BinaryImage, morph.HiresHeight, morph.HiresWidth, toForeground, foreground: false);
        var result = new bool[toForeground.Length];
        long r2 = (long)radius * radius;
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = morph.BinaryImage[i] || toForeground[i] <= r2;
        }

        return result;
    }

    /// <summary>Clears disk(r) around (row, col), clipped to the image (the reference's brush, without its border failure).</summary>
    public static void EraseDisk(Span<bool> image, int height, int width, int row, int col, int radius)
    {
        int r2 = radius * radius;
        for (int dr = -radius; dr <= radius; dr++)
        {
            int rr = row + dr;
            if (rr < 0 || rr >= height)
            {
                continue;
            }

            for (int dc = -radius; dc <= radius; dc++)
            {
                int cc = col + dc;
                if (cc >= 0 && cc < width && (dr * dr) + (dc * dc) <= r2)
                {
                    image[(rr * width) + cc] = false;
                }
            }
        }
    }

    /// <summary>Nearest-neighbour warp (skimage <c>warp</c> of a bool image: order 0, constant 0 outside).</summary>
    public static bool[] Warp(ImageMorphology morph, Func<double, double, (double X, double Y)> inverse)
    {
        int h = morph.HiresHeight, w = morph.HiresWidth;
        var source = morph.BinaryImage;
        var result = new bool[h * w];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                var (sx, sy) = inverse(x, y);
                if (double.IsNaN(sx) || double.IsNaN(sy))
                {
                    continue;
                }

                double fr = Math.Floor(sy + 0.5), fc = Math.Floor(sx + 0.5);
                if (fr >= 0 && fr < h && fc >= 0 && fc < w)
                {
                    result[(y * w) + x] = source[((int)fr * w) + (int)fc];
                }
            }
        }

        return result;
    }

    public static double MeanThicknessOrThrow(ImageMorphology morph)
    {
        if (morph.IsConstant)
        {
            throw new MorphologyException("the image is constant: there is no stroke");
        }

        double t = morph.MeanThickness;
        return double.IsNaN(t) ? throw new MorphologyException("the image has no skeleton") : t;
    }
}
