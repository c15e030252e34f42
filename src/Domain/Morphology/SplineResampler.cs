using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace DigitForge.Domain.Morphology;

/// <summary>
/// scikit-image's <c>resize(order=3, mode='reflect', anti_aliasing=False)</c> along one axis, which since 0.19 is
/// SciPy's <c>ndimage.zoom(order=3, mode='mirror', grid_mode=True)</c>: a cubic B-spline prefilter (mirror boundary)
/// and 4-tap interpolation at x_out = (o + 0.5) * n_in / n_out - 0.5. The clip to the input's range is the caller's.
/// </summary>
/// <remarks>One instance per (n_in, n_out): the tap indices and weights are computed once and shared (read-only).</remarks>
internal sealed class SplineResampler
{
    private const double Pole = -0.26794919243112270; // sqrt(3) - 2, the cubic B-spline pole
    private const double Gain = 6.0; // (1 - z)(1 - 1/z)

    private static readonly Lock CacheLock = new();
    private static readonly Dictionary<(int, int), SplineResampler> Cache = [];

    private SplineResampler(int inputLength, int outputLength)
    {
        InputLength = inputLength;
        OutputLength = outputLength;
        Indices = new int[outputLength * 4];
        Weights = new double[outputLength * 4];
        double zoom = (double)inputLength / outputLength;
        for (int o = 0; o < outputLength; o++)
        {
            double x = ((o + 0.5) * zoom) - 0.5;
            x = MirrorCoordinate(x, inputLength);
            double floor = Math.Floor(x);
            double t = x - floor;
            int start = (int)floor - 1;
            double t2 = t * t;
            double t3 = t2 * t;
            double u = 1 - t;
            Weights[(o * 4) + 0] = u * u * u / 6;
            Weights[(o * 4) + 1] = (4 - (6 * t2) + (3 * t3)) / 6;
            Weights[(o * 4) + 2] = (1 + (3 * t) + (3 * t2) - (3 * t3)) / 6;
            Weights[(o * 4) + 3] = t3 / 6;
            for (int k = 0; k < 4; k++)
            {
                Indices[(o * 4) + k] = MirrorIndex(start + k, inputLength);
            }
        }
    }

    public int InputLength { get; }

    public int OutputLength { get; }

    /// <summary>Four source indices per output sample (mirrored into range).</summary>
    public int[] Indices { get; }

    /// <summary>Four cubic B-spline weights per output sample.</summary>
    public double[] Weights { get; }

    public static SplineResampler For(int inputLength, int outputLength)
    {
        lock (CacheLock)
        {
            if (!Cache.TryGetValue((inputLength, outputLength), out var resampler))
            {
                resampler = new SplineResampler(inputLength, outputLength);
                Cache[(inputLength, outputLength)] = resampler;
            }

            return resampler;
        }
    }

    /// <summary>
    /// The 2-D zoom of <paramref name="source"/> (h x w) into <paramref name="destination"/> (H x W), clipped to
    /// [min, max] of the source as scikit-image's resize(clip=True) does.
    /// </summary>
    public static void Resize2D(ReadOnlySpan<double> source, int height, int width, Span<double> destination, int outHeight, int outWidth)
    {
        var rows = For(height, outHeight);
        var cols = For(width, outWidth);
        double min = double.PositiveInfinity;
        double max = double.NegativeInfinity;
        foreach (double v in source)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        // Spline coefficients: the prefilter runs along axis 0 then axis 1, each as a recursion down the columns with
        // whole rows as SIMD vectors (axis 1 through a transpose), since one line's IIR is a serial dependency chain.
        double[] rentedCoefficients = ArrayPool<double>.Shared.Rent(height * width);
        double[] rentedPartial = ArrayPool<double>.Shared.Rent(height * outWidth);
        var coefficients = rentedCoefficients.AsSpan(0, height * width);
        source.CopyTo(coefficients);
        double[] rentedTransposed = ArrayPool<double>.Shared.Rent(height * width);
        var transposed = rentedTransposed.AsSpan(0, height * width);
        PrefilterColumns(coefficients, height, width);
        Transpose(coefficients, transposed, height, width);
        PrefilterColumns(transposed, width, height);
        Transpose(transposed, coefficients, width, height);
        ArrayPool<double>.Shared.Return(rentedTransposed);

        // Interpolate rows first (h x W), then columns.
        var partial = rentedPartial.AsSpan(0, height * outWidth);
        for (int r = 0; r < height; r++)
        {
            var src = coefficients.Slice(r * width, width);
            var dst = partial.Slice(r * outWidth, outWidth);
            for (int o = 0; o < outWidth; o++)
            {
                int b = o * 4;
                dst[o] = (cols.Weights[b] * src[cols.Indices[b]]) + (cols.Weights[b + 1] * src[cols.Indices[b + 1]])
                    + (cols.Weights[b + 2] * src[cols.Indices[b + 2]]) + (cols.Weights[b + 3] * src[cols.Indices[b + 3]]);
            }
        }

        for (int o = 0; o < outHeight; o++)
        {
            int b = o * 4;
            var r0 = partial.Slice(rows.Indices[b] * outWidth, outWidth);
            var r1 = partial.Slice(rows.Indices[b + 1] * outWidth, outWidth);
            var r2 = partial.Slice(rows.Indices[b + 2] * outWidth, outWidth);
            var r3 = partial.Slice(rows.Indices[b + 3] * outWidth, outWidth);
            double w0 = rows.Weights[b], w1 = rows.Weights[b + 1], w2 = rows.Weights[b + 2], w3 = rows.Weights[b + 3];
            var dst = destination.Slice(o * outWidth, outWidth);
            for (int c = 0; c < outWidth; c++)
            {
                double v = (w0 * r0[c]) + (w1 * r1[c]) + (w2 * r2[c]) + (w3 * r3[c]);
                dst[c] = Math.Clamp(v, min, max);
            }
        }

        ArrayPool<double>.Shared.Return(rentedCoefficients);
        ArrayPool<double>.Shared.Return(rentedPartial);
    }

    /// <summary><see cref="Prefilter"/> of every column of a row-major (rows x cols) array, all columns at once.</summary>
    internal static void PrefilterColumns(Span<double> data, int rows, int cols)
    {
        if (rows == 1)
        {
            return;
        }

        const double z = Pole;
        int n = rows;
        double zn1 = Math.Pow(z, n - 1);
        Span<double> c0 = cols <= 1024 ? stackalloc double[cols] : new double[cols];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] *= Gain;
        }

        // Causal initialisation for the mirror boundary (SciPy ni_splines.c, _init_causal_mirror).
        Row(data, 0, cols).CopyTo(c0);
        Axpy(zn1, Row(data, n - 1, cols), c0);
        double zi = z;
        for (int i = 1; i < n - 1; i++)
        {
            Axpy(zi, Row(data, i, cols), c0);
            Axpy(zi * zn1, Row(data, n - 1 - i, cols), c0);
            zi *= z;
        }

        Scale(1 / (1 - (zn1 * zn1)), c0);
        c0.CopyTo(Row(data, 0, cols));
        for (int i = 1; i < n; i++)
        {
            Axpy(z, Row(data, i - 1, cols), Row(data, i, cols));
        }

        // c[n-1] = (z c[n-2] + c[n-1]) z / (z^2 - 1)
        var last = Row(data, n - 1, cols);
        Axpy(z, Row(data, n - 2, cols), last);
        Scale(z / ((z * z) - 1), last);
        for (int i = n - 2; i >= 0; i--)
        {
            // c[i] = z (c[i+1] - c[i])
            var row = Row(data, i, cols);
            var next = Row(data, i + 1, cols);
            for (int c = 0; c < cols; c++)
            {
                row[c] = z * (next[c] - row[c]);
            }
        }
    }

    private static Span<double> Row(Span<double> data, int row, int cols) => data.Slice(row * cols, cols);

    /// <summary>y += a x.</summary>
    private static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        int lanes = Vector<double>.Count;
        int v = y.Length / lanes * lanes;
        var xv = MemoryMarshal.Cast<double, Vector<double>>(x[..v]);
        var yv = MemoryMarshal.Cast<double, Vector<double>>(y[..v]);
        var av = new Vector<double>(a);
        for (int i = 0; i < yv.Length; i++)
        {
            yv[i] += av * xv[i];
        }

        for (int i = v; i < y.Length; i++)
        {
            y[i] += a * x[i];
        }
    }

    private static void Scale(double a, Span<double> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] *= a;
        }
    }

    private static void Transpose(ReadOnlySpan<double> source, Span<double> destination, int rows, int cols)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                destination[(c * rows) + r] = source[(r * cols) + c];
            }
        }
    }

    /// <summary>SciPy's <c>spline_filter1d(order=3, mode='mirror')</c> in place.</summary>
    internal static void Prefilter(Span<double> c)
    {
        int n = c.Length;
        if (n == 1)
        {
            return;
        }

        for (int i = 0; i < n; i++)
        {
            c[i] *= Gain;
        }

        const double z = Pole;
        // Causal initialisation for the mirror boundary (SciPy ni_splines.c, _init_causal_mirror).
        double zi = z;
        double zn1 = Math.Pow(z, n - 1);
        double c0 = c[0] + (zn1 * c[n - 1]);
        for (int i = 1; i < n - 1; i++)
        {
            c0 += zi * (c[i] + (zn1 * c[n - 1 - i]));
            zi *= z;
        }

        c[0] = c0 / (1 - (zn1 * zn1));
        for (int i = 1; i < n; i++)
        {
            c[i] += z * c[i - 1];
        }

        c[n - 1] = ((z * c[n - 2]) + c[n - 1]) * z / ((z * z) - 1);
        for (int i = n - 2; i >= 0; i--)
        {
            c[i] = z * (c[i + 1] - c[i]);
        }
    }

    private static double MirrorCoordinate(double x, int n)
    {
        if (n == 1)
        {
            return 0;
        }

        double period = 2.0 * (n - 1);
        if (x < 0)
        {
            x = -x;
        }

        if (x > n - 1)
        {
            x %= period;
            if (x > n - 1)
            {
                x = period - x;
            }
        }

        return x;
    }

    private static int MirrorIndex(int i, int n)
    {
        if (n == 1)
        {
            return 0;
        }

        int period = 2 * (n - 1);
        i = Math.Abs(i) % period;
        return i > n - 1 ? period - i : i;
    }
}
