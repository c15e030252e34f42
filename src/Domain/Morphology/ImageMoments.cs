namespace DigitForge.Domain.Morphology;

/// <summary>
/// Intensity-weighted raw and central moments of an image (x = column, y = row), as Morpho-MNIST's
/// <c>ImageMoments</c>: centroid (m10, m01) and the second central moments u20 = var(x), u11 = cov(x, y), u02 = var(y).
/// </summary>
public readonly record struct ImageMoments(double M00, double M10, double M01, double U20, double U11, double U02)
{
    /// <summary>x-shift per unit of y of the principal axis: u11 / u02.</summary>
    public double HorizontalShear => U11 / U02;

    /// <summary>Orientation of the principal axis: 0.5 * atan2(2 u11, u20 - u02).</summary>
    public double Angle => 0.5 * Math.Atan2(2 * U11, U20 - U02);

    public static ImageMoments Of(ReadOnlySpan<double> image, int height, int width)
    {
        double m00 = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
        for (int y = 0; y < height; y++)
        {
            var row = image.Slice(y * width, width);
            double rowSum = 0, rowX = 0, rowXX = 0;
            for (int x = 0; x < width; x++)
            {
                double v = row[x];
                rowSum += v;
                rowX += x * v;
                rowXX += (double)x * x * v;
            }

            m00 += rowSum;
            sx += rowX;
            sxx += rowXX;
            sy += y * rowSum;
            syy += (double)y * y * rowSum;
            sxy += y * rowX;
        }

        return FromSums(m00, sx, sy, sxx, sxy, syy);
    }

    private static ImageMoments FromSums(double m00, double sx, double sy, double sxx, double sxy, double syy)
    {
        double m10 = sx / m00, m01 = sy / m00;
        return new ImageMoments(m00, m10, m01, (sxx / m00) - (m10 * m10), (sxy / m00) - (m10 * m01), (syy / m00) - (m01 * m01));
    }

    /// <summary>
    /// <see cref="Of(ReadOnlySpan{double}, int, int)"/> of a uint8 image. Up to 1024 x 1024 every partial sum there is a
    /// whole number below 2^53, so it is exact in any order: here they are summed as integers (several times faster)
    /// and give the same doubles bit for bit.
    /// </summary>
    public static ImageMoments Of(ReadOnlySpan<byte> image, int height, int width)
    {
        if (height > 1024 || width > 1024)
        {
            var values = new double[height * width];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = image[i];
            }

            return Of(values, height, width);
        }

        long m00 = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
        for (int y = 0; y < height; y++)
        {
            var row = image.Slice(y * width, width);
            long rowSum = 0, rowX = 0, rowXX = 0;
            for (int x = 0; x < row.Length; x++)
            {
                int v = row[x];
                rowSum += v;
                rowX += x * v;
                rowXX += (long)x * x * v;
            }

            m00 += rowSum;
            sx += rowX;
            sxx += rowXX;
            sy += y * rowSum;
            syy += (long)y * y * rowSum;
            sxy += y * rowX;
        }

        return FromSums(m00, sx, sy, sxx, sxy, syy);
    }

    public static ImageMoments Of(ReadOnlySpan<bool> image, int height, int width)
    {
        var values = new double[height * width];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = image[i] ? 1 : 0;
        }

        return Of(values, height, width);
    }
}
