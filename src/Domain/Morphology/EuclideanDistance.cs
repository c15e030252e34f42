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
        result[..(height * width)].Clear();

        // Only the bounding box of the foreground plus a one-pixel margin (clipped to the image) needs work: outside
        // it every pixel is a "zero" (distance 0), and the nearest zero of a pixel inside is never farther than the
        // margin (projecting any outside zero onto the margin gives a zero at least as close), so the result is exact.
        int top = height, bottom = -1, left = width, right = -1;
        for (int r = 0; r < height; r++)
        {
            var row = mask.Slice(r * width, width);
            int first = row.IndexOf(foreground);
            if (first < 0)
            {
                continue;
            }

            top = Math.Min(top, r);
            bottom = r;
            left = Math.Min(left, first);
            right = Math.Max(right, row.LastIndexOf(foreground));
        }

        if (bottom < 0)
        {
            return; // no pixel to measure
        }

        top = Math.Max(0, top - 1);
        bottom = Math.Min(height - 1, bottom + 1);
        left = Math.Max(0, left - 1);
        right = Math.Min(width - 1, right + 1);
        int w = right - left + 1;

        // Pass 1 (columns, walked row by row): 1-D distance to the nearest "zero" pixel in the same column, first from
        // above, then the minimum with the one from below.
        for (int r = top; r <= bottom; r++)
        {
            var m = mask.Slice((r * width) + left, w);
            var d = result.Slice((r * width) + left, w);
            if (r == top)
            {
                for (int c = 0; c < w; c++)
                {
                    d[c] = m[c] != foreground ? 0 : Infinite;
                }

                continue;
            }

            var above = result.Slice(((r - 1) * width) + left, w);
            for (int c = 0; c < w; c++)
            {
                d[c] = m[c] != foreground ? 0 : above[c] >= Infinite ? Infinite : above[c] + 1;
            }
        }

        for (int r = bottom - 1; r >= top; r--)
        {
            var d = result.Slice((r * width) + left, w);
            var below = result.Slice(((r + 1) * width) + left, w);
            for (int c = 0; c < w; c++)
            {
                d[c] = Math.Min(d[c], below[c] + 1);
            }
        }

        for (int r = top; r <= bottom; r++)
        {
            var d = result.Slice((r * width) + left, w);
            for (int c = 0; c < w; c++)
            {
                d[c] = d[c] >= Infinite ? Infinite : d[c] * d[c];
            }
        }

        // Pass 2 (rows): min over q of f(q) + (x - q)^2. Thin strokes have a background pixel a few pixels away in
        // the row, which bounds the answer, so a short search either side is exact and cheaper than the envelope;
        // rows where some pixel's bound is large take the lower envelope of parabolas.
        Span<int> f = w <= 1024 ? stackalloc int[w] : new int[w];
        Span<int> v = w <= 1024 ? stackalloc int[w] : new int[w];
        Span<int> bound = w <= 1024 ? stackalloc int[w] : new int[w];
        Span<double> z = w <= 1024 ? stackalloc double[w + 1] : new double[w + 1];
        for (int r = top; r <= bottom; r++)
        {
            var row = result.Slice((r * width) + left, w);
            if (!row.ContainsAnyExcept(0))
            {
                continue; // all zeros: nothing to measure in this row
            }

            row.CopyTo(f);
            if (!NearbySearch(f, row, bound))
            {
                LowerEnvelope(f, row, v, z);
            }
        }
    }

    private const int SearchReach = 24;

    /// <summary>
    /// row[x] = min_q f[q] + (x - q)^2 by searching outwards from x while (x - q)^2 is below the best so far, starting
    /// from min(f[x], squared distance to the row's nearest zero). False (row untouched) when some start exceeds
    /// <see cref="SearchReach"/>^2, where the envelope is cheaper.
    /// </summary>
    private static bool NearbySearch(ReadOnlySpan<int> f, Span<int> row, Span<int> bound)
    {
        int w = f.Length;
        const int Far = SearchReach + 1;
        int d = Far;
        for (int x = 0; x < w; x++)
        {
            d = f[x] == 0 ? 0 : Math.Min(d + 1, Far);
            bound[x] = d;
        }

        d = Far;
        for (int x = w - 1; x >= 0; x--)
        {
            d = f[x] == 0 ? 0 : Math.Min(d + 1, Far);
            int m = Math.Min(d, bound[x]);
            long start = Math.Min(f[x], (long)m * m);
            if (start > SearchReach * SearchReach)
            {
                return false;
            }

            bound[x] = (int)start;
        }

        for (int x = 0; x < w; x++)
        {
            int best = bound[x];
            for (int dx = 1; dx * dx < best; dx++)
            {
                int dx2 = dx * dx;
                if (x - dx >= 0 && f[x - dx] < Infinite)
                {
                    best = Math.Min(best, f[x - dx] + dx2);
                }

                if (x + dx < w && f[x + dx] < Infinite)
                {
                    best = Math.Min(best, f[x + dx] + dx2);
                }
            }

            row[x] = best;
        }

        return true;
    }

    /// <summary>Felzenszwalb and Huttenlocher's lower envelope of the parabolas f(q) + (x - q)^2.</summary>
    private static void LowerEnvelope(ReadOnlySpan<int> f, Span<int> row, Span<int> v, Span<double> z)
    {
        int w = f.Length;
        int k = -1;
        for (int q = 0; q < w; q++)
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
            return; // the whole row stays infinite
        }

        int j = 0;
        for (int q = 0; q < w; q++)
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
