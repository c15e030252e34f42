namespace DigitForge.Domain.Morphology;

/// <summary>
/// Morpho-MNIST's <c>bounding_parallelogram</c>: the parallelogram sheared like the image's principal axis that leaves
/// <c>frac / 2</c> of the mass outside on each side. Returns the CDF-interpolated left, right, top and bottom.
/// </summary>
public static class BoundingParallelogram
{
    public static (double Left, double Right, double Top, double Bottom) Bounds(ReadOnlySpan<double> image, int height, int width, double frac, ImageMoments moments)
    {
        double middle = moments.M01;
        double shear = moments.HorizontalShear;

        // Horizontal CDF at t = 0..W-1: mass of pixels with x + 0.5 < t + shear * (y - middle). A pixel first counts at
        // t = floor(x + 0.5 - shear * (y - middle)) + 1, so one histogram and a prefix sum replace W passes.
        var horizontal = new double[width];
        var vertical = new double[height];
        double total = 0;
        for (int y = 0; y < height; y++)
        {
            double offset = shear * (y - middle);
            double rowMass = 0;
            for (int x = 0; x < width; x++)
            {
                double v = image[(y * width) + x];
                if (v == 0)
                {
                    continue;
                }

                rowMass += v;
                double first = Math.Floor(x + 0.5 - offset) + 1;
                // Exact comparison where the subtraction rounds: step back while the pixel would already count.
                while (first - 1 >= 0 && x + 0.5 < first - 1 + offset)
                {
                    first--;
                }

                while (first < width && !(x + 0.5 < first + offset))
                {
                    first++;
                }

                if (first < 0)
                {
                    first = 0;
                }

                if (first < width)
                {
                    horizontal[(int)first] += v;
                }
            }

            total += rowMass;
            if (y + 1 < height)
            {
                vertical[y + 1] += rowMass; // rows y < t count at t >= y + 1
            }
        }

        for (int t = 1; t < width; t++)
        {
            horizontal[t] += horizontal[t - 1];
        }

        for (int t = 1; t < height; t++)
        {
            vertical[t] += vertical[t - 1];
        }

        for (int t = 0; t < width; t++)
        {
            horizontal[t] /= total;
        }

        for (int t = 0; t < height; t++)
        {
            vertical[t] /= total;
        }

        double half = frac / 2;
        return (Interp(half, horizontal), Interp(1 - half, horizontal), Interp(half, vertical), Interp(1 - half, vertical));
    }

    /// <summary>numpy.interp(x, xp, arange(len(xp))) for a non-decreasing xp: the last j with xp[j] &lt;= x.</summary>
    internal static double Interp(double x, ReadOnlySpan<double> xp)
    {
        int n = xp.Length;
        if (x < xp[0])
        {
            return 0;
        }

        if (x >= xp[n - 1])
        {
            return n - 1;
        }

        int lo = 0, hi = n - 1; // xp[lo] <= x < xp[hi]
        while (hi - lo > 1)
        {
            int mid = (lo + hi) >> 1;
            if (xp[mid] <= x)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        double slope = 1.0 / (xp[lo + 1] - xp[lo]);
        return lo + ((x - xp[lo]) * slope);
    }
}
