namespace DigitForge.Domain.Corruptions.MnistC;

/// <summary>
/// MNIST-C's <c>line_from_points(c0, r0, c1, r1)</c>, generalised from 28x28 to any size: for every pixel the vertical
/// distance d = |row - f(col)| to the line through (c0, r0) and (c1, r1), capped at 2.3 - 1e-10, gives intensity
/// <c>clip(log(1 - d/2.3) + 1, 0, 1)</c>; columns left of floor(c0) and from ceil(c1) on are zero (so the column at
/// an integer c1 is dropped, the reference's quirk); a vertical segment (c0 == c1) draws nothing.
/// </summary>
public static class LineFromPoints
{
    public static double[] Draw(int height, int width, double c0, double r0, double c1, double r1)
    {
        var line = new double[height * width];
        if (c1 == c0)
        {
            return line;
        }

        double m = (r1 - r0) / (c1 - c0);
        long left = (long)Math.Floor(c0);
        long right = (long)Math.Ceiling(c1);
        // Python slices: x[:, :l] with negative l counts from the end; so does x[:, r:].
        long zeroBefore = left < 0 ? Math.Max(0, width + left) : Math.Min(left, width);
        long zeroFrom = right < 0 ? Math.Max(0, width + right) : Math.Min(right, width);
        for (int col = 0; col < width; col++)
        {
            if (col < zeroBefore || col >= zeroFrom)
            {
                continue;
            }

            double f = (m * (col - c0)) + r0;
            for (int row = 0; row < height; row++)
            {
                double d = Math.Clamp(Math.Abs(row - f), 0, 2.3 - 1e-10);
                double v = Math.Log(1 - (d / 2.3)) + 1;
                line[(row * width) + col] = Math.Clamp(v, 0, 1);
            }
        }

        return line;
    }
}
