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
        var (min, max) = MinMax(source);

        // Spline coefficients: the prefilter runs along axis 0 then axis 1, each as a recursion down the columns with
        // whole rows as SIMD vectors (axis 1 through a transpose), since one line's IIR is a serial dependency chain.
        double[] rentedCoefficients = ArrayPool<double>.Shared.Rent(height * width);
        double[] rentedTransposed = ArrayPool<double>.Shared.Rent(height * width);
        double[] rentedPartial = ArrayPool<double>.Shared.Rent(height * outWidth);
        var coefficients = rentedCoefficients.AsSpan(0, height * width);
        var transposed = rentedTransposed.AsSpan(0, height * width);
        var partial = rentedPartial.AsSpan(0, height * outWidth);
        source.CopyTo(coefficients);
        PrefilterColumns(coefficients, height, width);
        Transpose(coefficients, transposed, height, width);
        PrefilterColumns(transposed, width, height);

        // Interpolate rows first (partial[r, o] over h x W), then columns. Every output is the same four products
        // summed left to right either way; only the loop that carries the SIMD lanes differs.
        if (outHeight * outWidth < height * width)
        {
            // Shrinking: stay transposed; partial^T row o is a combination of four rows of the transposed
            // coefficients (SIMD over r); the small output then gathers four values per pixel.
            for (int o = 0; o < outWidth; o++)
            {
                int b = o * 4;
                Combine(
                    cols.Weights.AsSpan(b, 4),
                    transposed.Slice(cols.Indices[b] * height, height),
                    transposed.Slice(cols.Indices[b + 1] * height, height),
                    transposed.Slice(cols.Indices[b + 2] * height, height),
                    transposed.Slice(cols.Indices[b + 3] * height, height),
                    partial.Slice(o * height, height));
            }

            for (int o = 0; o < outHeight; o++)
            {
                int b = o * 4;
                int i0 = rows.Indices[b], i1 = rows.Indices[b + 1], i2 = rows.Indices[b + 2], i3 = rows.Indices[b + 3];
                double w0 = rows.Weights[b], w1 = rows.Weights[b + 1], w2 = rows.Weights[b + 2], w3 = rows.Weights[b + 3];
                var dst = destination.Slice(o * outWidth, outWidth);
                for (int c = 0; c < outWidth; c++)
                {
                    var column = partial.Slice(c * height, height);
                    double v = (w0 * column[i0]) + (w1 * column[i1]) + (w2 * column[i2]) + (w3 * column[i3]);
                    dst[c] = Math.Clamp(v, min, max);
                }
            }
        }
        else
        {
            Transpose(transposed, coefficients, width, height);
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

            var minVector = new Vector<double>(min);
            var maxVector = new Vector<double>(max);
            int lanes = Vector<double>.Count;
            for (int o = 0; o < outHeight; o++)
            {
                int b = o * 4;
                var dst = destination.Slice(o * outWidth, outWidth);
                Combine(
                    rows.Weights.AsSpan(b, 4),
                    partial.Slice(rows.Indices[b] * outWidth, outWidth),
                    partial.Slice(rows.Indices[b + 1] * outWidth, outWidth),
                    partial.Slice(rows.Indices[b + 2] * outWidth, outWidth),
                    partial.Slice(rows.Indices[b + 3] * outWidth, outWidth),
                    dst);

                // Math.Clamp per pixel; Max/Min give the same values (they may differ only in the sign of a zero,
                // which no later step can see: everything ends as a truncation to bytes).
                int v = outWidth / lanes * lanes;
                var vectors = MemoryMarshal.Cast<double, Vector<double>>(dst[..v]);
                for (int i = 0; i < vectors.Length; i++)
                {
                    vectors[i] = Vector.Min(Vector.Max(vectors[i], minVector), maxVector);
                }

                for (int c = v; c < outWidth; c++)
                {
                    dst[c] = Math.Clamp(dst[c], min, max);
                }
            }
        }

        ArrayPool<double>.Shared.Return(rentedCoefficients);
        ArrayPool<double>.Shared.Return(rentedTransposed);
        ArrayPool<double>.Shared.Return(rentedPartial);
    }

    /// <summary>destination = (w0 x0) + (w1 x1) + (w2 x2) + (w3 x3), element-wise, summed left to right.</summary>
    private static void Combine(ReadOnlySpan<double> weights, ReadOnlySpan<double> x0, ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, ReadOnlySpan<double> x3, Span<double> destination)
    {
        double w0 = weights[0], w1 = weights[1], w2 = weights[2], w3 = weights[3];
        int lanes = Vector<double>.Count;
        int v = destination.Length / lanes * lanes;
        var v0 = MemoryMarshal.Cast<double, Vector<double>>(x0[..v]);
        var v1 = MemoryMarshal.Cast<double, Vector<double>>(x1[..v]);
        var v2 = MemoryMarshal.Cast<double, Vector<double>>(x2[..v]);
        var v3 = MemoryMarshal.Cast<double, Vector<double>>(x3[..v]);
        var d = MemoryMarshal.Cast<double, Vector<double>>(destination[..v]);
        Vector<double> a0 = new(w0), a1 = new(w1), a2 = new(w2), a3 = new(w3);
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = (a0 * v0[i]) + (a1 * v1[i]) + (a2 * v2[i]) + (a3 * v3[i]);
        }

        for (int i = v; i < destination.Length; i++)
        {
            destination[i] = (w0 * x0[i]) + (w1 * x1[i]) + (w2 * x2[i]) + (w3 * x3[i]);
        }
    }

    /// <summary>Smallest and largest value (no NaN in these images).</summary>
    private static (double Min, double Max) MinMax(ReadOnlySpan<double> values)
    {
        int lanes = Vector<double>.Count;
        int v = values.Length / lanes * lanes;
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        if (v > 0)
        {
            var vectors = MemoryMarshal.Cast<double, Vector<double>>(values[..v]);
            Vector<double> vmin = vectors[0], vmax = vectors[0];
            foreach (var x in vectors)
            {
                vmin = Vector.Min(vmin, x);
                vmax = Vector.Max(vmax, x);
            }

            for (int i = 0; i < lanes; i++)
            {
                min = Math.Min(min, vmin[i]);
                max = Math.Max(max, vmax[i]);
            }
        }

        for (int i = v; i < values.Length; i++)
        {
            min = Math.Min(min, values[i]);
            max = Math.Max(max, values[i]);
        }

        return (min, max);
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
        Scale(Gain, data);

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
            BackwardStep(z, Row(data, i + 1, cols), Row(data, i, cols));
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
        int lanes = Vector<double>.Count;
        int v = y.Length / lanes * lanes;
        var yv = MemoryMarshal.Cast<double, Vector<double>>(y[..v]);
        var av = new Vector<double>(a);
        for (int i = 0; i < yv.Length; i++)
        {
            yv[i] *= av;
        }

        for (int i = v; i < y.Length; i++)
        {
            y[i] *= a;
        }
    }

    /// <summary>y = z (next - y), the anti-causal step.</summary>
    private static void BackwardStep(double z, ReadOnlySpan<double> next, Span<double> y)
    {
        int lanes = Vector<double>.Count;
        int v = y.Length / lanes * lanes;
        var nv = MemoryMarshal.Cast<double, Vector<double>>(next[..v]);
        var yv = MemoryMarshal.Cast<double, Vector<double>>(y[..v]);
        var zv = new Vector<double>(z);
        for (int i = 0; i < yv.Length; i++)
        {
            yv[i] = zv * (nv[i] - yv[i]);
        }

        for (int i = v; i < y.Length; i++)
        {
            y[i] = z * (next[i] - y[i]);
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
