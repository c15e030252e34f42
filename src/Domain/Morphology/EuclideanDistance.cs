namespace DigitForge.Domain.Morphology;

/// <summary>
/// Exact squared Euclidean distance transform (Felzenszwalb and Huttenlocher's lower envelope of parabolas), the
/// integer form of SciPy's <c>distance_transform_edt</c>: each pixel's squared distance to the nearest pixel where
/// <c>mask</c> is false. Outside the image counts as neither (SciPy's convention).
/// </summary>
internal static class EuclideanDistance
{
    /// <summary>Distance value used where no target pixel exists in the image.</summary>
    public const int Infinite = int.MaxValue / 4;

    /// <summary>
    /// Squared distance from each pixel with <c>mask[i] == foreground</c> to the nearest pixel with the other value
    /// (<see cref="Infinite"/> when there is none); 0 on the other pixels.
    /// </summary>
    public static void Squared(ReadOnlySpan<bool> mask, int height, int width, Span<int> result, bool foreground = true)
    {
        // Pass 1 (columns): 1-D distance to the nearest "zero" pixel (mask != foreground) in the same column.
        for (int c = 0; c < width; c++)
        {
            int last = -1;
            for (int r = 0; r < height; r++)
            {
                int i = (r * width) + c;
                if (mask[i] != foreground)
                {
                    last = r;
                    result[i] = 0;
                }
                else
                {
                    result[i] = last < 0 ? Infinite : r - last;
                }
            }

            last = -1;
            for (int r = height - 1; r >= 0; r--)
            {
                int i = (r * width) + c;
                if (mask[i] != foreground)
                {
                    last = r;
                }
                else if (last >= 0)
                {
                    result[i] = Math.Min(result[i], last - r);
                }
            }

            for (int r = 0; r < height; r++)
            {
                int i = (r * width) + c;
                int d = result[i];
                result[i] = d >= Infinite ? Infinite : d * d;
            }
        }

        // Pass 2 (rows): lower envelope of parabolas f(q) + (x - q)^2.
        Span<int> f = width <= 1024 ? stackalloc int[width] : new int[width];
        Span<int> v = width <= 1024 ? stackalloc int[width] : new int[width];
        Span<double> z = width <= 1024 ? stackalloc double[width + 1] : new double[width + 1];
        for (int r = 0; r < height; r++)
        {
            var row = result.Slice(r * width, width);
            row.CopyTo(f);
            int k = -1;
            for (int q = 0; q < width; q++)
            {
                if (f[q] >= Infinite)
                {
                    continue;
                }

                double s = 0;
                while (k >= 0)
                {
                    s = ((f[q] + ((double)q * q)) - (f[v[k]] + ((double)v[k] * v[k]))) / (2.0 * (q - v[k]));
                    if (s > z[k])
                    {
                        break;
                    }

                    k--;
                }

                k++;
                v[k] = q;
                z[k] = k == 0 ? double.NegativeInfinity : s;
                z[k + 1] = double.PositiveInfinity;
            }

            if (k < 0)
            {
                continue; // the whole row stays infinite
            }

            int j = 0;
            for (int q = 0; q < width; q++)
            {
                while (z[j + 1] < q)
                {
                    j++;
                }

                int dx = q - v[j];
                row[q] = (dx * dx) + f[v[j]];
            }
        }
    }
}
