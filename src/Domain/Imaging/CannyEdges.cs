namespace DigitForge.Domain.Imaging;

/// <summary>
/// scikit-image 0.19's <c>feature.canny(image, sigma, low_threshold, high_threshold)</c> without a mask, for a float
/// image (thresholds are absolute; skimage's defaults for float input are 0.1 and 0.2).
/// </summary>
/// <remarks>
/// Steps as the reference: Gaussian smoothing with mode 'constant' (cval 0) divided by the same smoothing of an
/// all-ones mask plus machine epsilon (the "bleed-over" correction); Sobel gradients (SciPy <c>ndimage.sobel</c>,
/// mode 'reflect'); magnitude <c>hypot</c>; non-maximum suppression with interpolation between the two neighbours in
/// each of the four direction sectors, processed in skimage's order so that a point in two sectors takes the last
/// one's verdict; border pixels are never edges; hysteresis keeps the 8-connected components of
/// (local maximum and magnitude &gt;= low) that contain a point with magnitude &gt;= high.
/// </remarks>
public static class CannyEdges
{
    public const double DefaultSigma = 1.0;
    public const double DefaultLowThreshold = 0.1;
    public const double DefaultHighThreshold = 0.2;

    /// <summary><c>np.finfo(float).eps</c>.</summary>
    private const double MachineEpsilon = 2.220446049250313e-16;

    public static bool[] Detect(ReadOnlySpan<double> image, int height, int width, double sigma = DefaultSigma, double lowThreshold = DefaultLowThreshold, double highThreshold = DefaultHighThreshold)
    {
        if (image.Length != height * width)
        {
            throw new ArgumentException($"Expected {height * width} values.", nameof(image));
        }

        if (highThreshold < lowThreshold)
        {
            throw new ArgumentException("The low threshold must not exceed the high threshold.", nameof(lowThreshold));
        }

        int n = height * width;
        var smoothed = image.ToArray();
        NdGaussian.Filter(smoothed, height, width, 1, sigma, sigma, BorderMode.Constant);
        var bleed = new double[n];
        Array.Fill(bleed, 1.0);
        NdGaussian.Filter(bleed, height, width, 1, sigma, sigma, BorderMode.Constant);
        for (int i = 0; i < n; i++)
        {
            smoothed[i] /= bleed[i] + MachineEpsilon;
        }

        var isobel = Sobel(smoothed, height, width, alongRows: true);
        var jsobel = Sobel(smoothed, height, width, alongRows: false);
        var magnitude = new double[n];
        for (int i = 0; i < n; i++)
        {
            magnitude[i] = Hypot(isobel[i], jsobel[i]);
        }

        var maxima = LocalMaxima(isobel, jsobel, magnitude, height, width);
        return Hysteresis(maxima, magnitude, height, width, lowThreshold, highThreshold);
    }

    /// <summary>SciPy <c>sobel(x, axis)</c>: derivative [-1, 0, 1] along the axis, then smoothing [1, 2, 1] across it, mode 'reflect'.</summary>
    private static double[] Sobel(double[] x, int height, int width, bool alongRows)
    {
        var derivative = new double[x.Length];
        var result = new double[x.Length];
        for (int r = 0; r < height; r++)
        {
            for (int c = 0; c < width; c++)
            {
                derivative[(r * width) + c] = alongRows
                    ? At(x, height, width, r + 1, c) - At(x, height, width, r - 1, c)
                    : At(x, height, width, r, c + 1) - At(x, height, width, r, c - 1);
            }
        }

        for (int r = 0; r < height; r++)
        {
            for (int c = 0; c < width; c++)
            {
                double centre = derivative[(r * width) + c] * 2;
                result[(r * width) + c] = alongRows
                    ? centre + (At(derivative, height, width, r, c - 1) + At(derivative, height, width, r, c + 1))
                    : centre + (At(derivative, height, width, r - 1, c) + At(derivative, height, width, r + 1, c));
            }
        }

        return result;
    }

    private static double At(double[] x, int height, int width, int r, int c) =>
        x[(Signal.GaussianFilter.ReflectIndex(r, height) * width) + Signal.GaussianFilter.ReflectIndex(c, width)];

    /// <summary>NumPy's <c>hypot</c> (C's, correctly rounded on glibc); .NET's agrees on the values Canny sees (checked against NumPy in the tests).</summary>
    private static double Hypot(double a, double b) => double.Hypot(a, b);

    private static bool[] LocalMaxima(double[] isobel, double[] jsobel, double[] magnitude, int height, int width)
    {
        var maxima = new bool[magnitude.Length];
        // Four sectors in skimage's order; each entry: which points, the weight's numerator/denominator (true: |j|/|i|),
        // and the (dr, dc) of the two neighbours on the plus side (the minus side is the point reflection).
        for (int sector = 0; sector < 4; sector++)
        {
            for (int r = 1; r < height - 1; r++)
            {
                for (int c = 1; c < width - 1; c++)
                {
                    int p = (r * width) + c;
                    double m = magnitude[p];
                    if (!(m > 0))
                    {
                        continue;
                    }

                    double ai = Math.Abs(isobel[p]);
                    double aj = Math.Abs(jsobel[p]);
                    bool horizontal = ai >= aj;
                    bool vertical = ai <= aj;
                    bool up = isobel[p] >= 0;
                    bool down = isobel[p] <= 0;
                    bool right = jsobel[p] >= 0;
                    bool left = jsobel[p] <= 0;
                    bool diagonal = (up && right) || (down && left);
                    bool antiDiagonal = (down && right) || (up && left);
                    bool selected;
                    double w;
                    (int R, int C) n1, n2;
                    switch (sector)
                    {
                        case 0:
                            selected = diagonal && horizontal;
                            w = aj / ai;
                            (n1, n2) = ((1, 0), (1, 1));
                            break;
                        case 1:
                            selected = diagonal && vertical;
                            w = ai / aj;
                            (n1, n2) = ((0, 1), (1, 1));
                            break;
                        case 2:
                            selected = antiDiagonal && vertical;
                            w = ai / aj;
                            (n1, n2) = ((0, 1), (-1, 1));
                            break;
                        default:
                            selected = antiDiagonal && horizontal;
                            w = aj / ai;
                            (n1, n2) = ((-1, 0), (-1, 1));
                            break;
                    }

                    if (!selected)
                    {
                        continue;
                    }

                    double plus1 = magnitude[((r + n1.R) * width) + c + n1.C];
                    double plus2 = magnitude[((r + n2.R) * width) + c + n2.C];
                    double minus1 = magnitude[((r - n1.R) * width) + c - n1.C];
                    double minus2 = magnitude[((r - n2.R) * width) + c - n2.C];
                    bool cPlus = (plus2 * w) + (plus1 * (1 - w)) <= m;
                    bool cMinus = (minus2 * w) + (minus1 * (1 - w)) <= m;
                    maxima[p] = cPlus && cMinus;
                }
            }
        }

        return maxima;
    }

    private static bool[] Hysteresis(bool[] maxima, double[] magnitude, int height, int width, double low, double high)
    {
        var edges = new bool[maxima.Length];
        var stack = new Stack<int>();
        for (int p = 0; p < maxima.Length; p++)
        {
            if (maxima[p] && magnitude[p] >= high && !edges[p])
            {
                edges[p] = true;
                stack.Push(p);
                while (stack.Count > 0)
                {
                    int q = stack.Pop();
                    int qr = q / width;
                    int qc = q % width;
                    for (int dr = -1; dr <= 1; dr++)
                    {
                        for (int dc = -1; dc <= 1; dc++)
                        {
                            int nr = qr + dr;
                            int nc = qc + dc;
                            if (nr < 0 || nr >= height || nc < 0 || nc >= width)
                            {
                                continue;
                            }

                            int o = (nr * width) + nc;
                            if (!edges[o] && maxima[o] && magnitude[o] >= low)
                            {
                                edges[o] = true;
                                stack.Push(o);
                            }
                        }
                    }
                }
            }
        }

        return edges;
    }
}
