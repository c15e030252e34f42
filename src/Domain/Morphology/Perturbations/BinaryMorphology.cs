using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace DigitForge.Domain.Morphology.Perturbations;

/// <summary>
/// Binary erosion and dilation by skimage's <c>disk(r)</c> = {i^2 + j^2 &lt;= r^2}, through the exact distance map: a
/// pixel survives erosion when its squared distance to the background exceeds r^2, and dilation adds every pixel whose
/// squared distance to the foreground is at most r^2 (only the 2r + 1 rows that can reach, see Dilate). This equals
/// grey erosion/dilation with reflected borders.
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

    public static bool[] Dilate(ImageMorphology morph, int radius) =>
        Dilate(morph.BinaryImage, morph.HiresHeight, morph.HiresWidth, radius);

    public static bool[] Dilate(bool[] binary, int h, int w, int radius)
    {
        var result = new bool[binary.Length];
        int first = Array.IndexOf(binary, true);
        if (first < 0)
        {
            return result;
        }

        // Pixel p is within disk(r) of the foreground iff some row offset dr in [-r, r] has a foreground pixel whose
        // horizontal distance dx satisfies dx^2 + dr^2 <= r^2: the distance map's test, but only over the 2r + 1 rows
        // that can reach, and only over rows within r of the foreground, instead of a whole-image distance transform.
        int last = Array.LastIndexOf(binary, true);
        int top = Math.Max(0, (first / w) - radius), bottom = Math.Min(h - 1, (last / w) + radius);
        int cap = radius + 1; // any horizontal distance beyond r is as good as none
        int[] rented = ArrayPool<int>.Shared.Rent(h * w);
        var horizontal = rented.AsSpan(0, h * w);
        for (int r = Math.Max(0, top - radius); r <= Math.Min(h - 1, bottom + radius); r++)
        {
            HorizontalSquaredDistance(binary.AsSpan(r * w, w), horizontal.Slice(r * w, w), cap);
        }

        int r2 = radius * radius;
        int[] rentedMin = ArrayPool<int>.Shared.Rent(w);
        var nearest = rentedMin.AsSpan(0, w);
        for (int r = top; r <= bottom; r++)
        {
            nearest.Fill(int.MaxValue);
            for (int dr = -radius; dr <= radius; dr++)
            {
                int rr = r + dr;
                if (rr >= 0 && rr < h)
                {
                    MinPlus(horizontal.Slice(rr * w, w), dr * dr, nearest);
                }
            }

            var row = result.AsSpan(r * w, w);
            for (int c = 0; c < w; c++)
            {
                row[c] = nearest[c] <= r2;
            }
        }

        ArrayPool<int>.Shared.Return(rented);
        ArrayPool<int>.Shared.Return(rentedMin);
        return result;
    }

    /// <summary>Squared distance along the row to the nearest set pixel, capped at cap^2.</summary>
    private static void HorizontalSquaredDistance(ReadOnlySpan<bool> row, Span<int> distance, int cap)
    {
        int d = cap;
        for (int c = 0; c < row.Length; c++)
        {
            d = row[c] ? 0 : Math.Min(d + 1, cap);
            distance[c] = d;
        }

        d = cap;
        for (int c = row.Length - 1; c >= 0; c--)
        {
            d = row[c] ? 0 : Math.Min(d + 1, cap);
            int m = Math.Min(d, distance[c]);
            distance[c] = m * m;
        }
    }

    /// <summary>nearest = min(nearest, values + offset), element-wise.</summary>
    private static void MinPlus(ReadOnlySpan<int> values, int offset, Span<int> nearest)
    {
        int lanes = Vector<int>.Count;
        int v = nearest.Length / lanes * lanes;
        var valueVectors = MemoryMarshal.Cast<int, Vector<int>>(values[..v]);
        var nearestVectors = MemoryMarshal.Cast<int, Vector<int>>(nearest[..v]);
        var add = new Vector<int>(offset);
        for (int i = 0; i < nearestVectors.Length; i++)
        {
            nearestVectors[i] = Vector.Min(nearestVectors[i], valueVectors[i] + add);
        }

        for (int i = v; i < nearest.Length; i++)
        {
            nearest[i] = Math.Min(nearest[i], values[i] + offset);
        }
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
