namespace DigitForge.Domain.Corruptions;

/// <summary>
/// SciPy <c>map_coordinates(order=1, mode='mirror', prefilter=False)</c> at one (row, col) position of a float64 HWC
/// image: the coordinate is mirrored into range first (scikit-image's mode 'reflect' is SciPy's 'mirror'), then the
/// four neighbours are blended in SciPy's order ((r0,c0), (r0,c1), (r1,c0), (r1,c1), each value * row weight * column weight).
/// </summary>
internal static class MirrorBilinear
{
    public static void Sample(double[] values, int height, int width, int channels, double row, double col, Span<double> result)
    {
        row = MirrorCoordinate(row, height);
        col = MirrorCoordinate(col, width);
        int r0 = (int)Math.Floor(row);
        int c0 = (int)Math.Floor(col);
        double tr = row - r0;
        double tc = col - c0;
        int r1 = MirrorIndex(r0 + 1, height);
        int c1 = MirrorIndex(c0 + 1, width);
        r0 = MirrorIndex(r0, height);
        c0 = MirrorIndex(c0, width);
        double wr0 = 1.0 - tr;
        double wc0 = 1.0 - tc;
        int a = ((r0 * width) + c0) * channels;
        int b = ((r0 * width) + c1) * channels;
        int c = ((r1 * width) + c0) * channels;
        int d = ((r1 * width) + c1) * channels;
        for (int channel = 0; channel < channels; channel++)
        {
            double acc = values[a + channel] * wr0 * wc0;
            acc += values[b + channel] * wr0 * tc;
            acc += values[c + channel] * tr * wc0;
            acc += values[d + channel] * tr * tc;
            result[channel] = acc;
        }
    }

    /// <summary>SciPy's <c>map_coordinate</c> for NI_EXTEND_MIRROR.</summary>
    public static double MirrorCoordinate(double x, int length)
    {
        if (length <= 1)
        {
            return 0;
        }

        double span = (2.0 * length) - 2.0;
        if (x < 0)
        {
            if (x < -span)
            {
                x = (span * (int)(-x / span)) + x;
            }

            x = x <= 1 - length ? x + span : -x;
        }
        else if (x > length - 1)
        {
            x -= span * (int)(x / span);
            if (x > length - 1)
            {
                x = span - x;
            }
        }

        return x;
    }

    private static int MirrorIndex(int index, int length)
    {
        if (length <= 1)
        {
            return 0;
        }

        int span = (2 * length) - 2;
        if (index < 0)
        {
            index = (span * (-index / span)) + index;
            index = index <= 1 - length ? index + span : -index;
        }
        else if (index >= length)
        {
            index -= span * (index / span);
            if (index >= length)
            {
                index = span - index;
            }
        }

        return index;
    }
}
