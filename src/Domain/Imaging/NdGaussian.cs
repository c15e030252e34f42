using DigitForge.Domain.Signal;

namespace DigitForge.Domain.Imaging;

/// <summary>
/// SciPy's <c>ndimage.gaussian_filter</c> (truncate 4) on float64 (height, width, channels) arrays, as scikit-image's
/// <c>filters.gaussian</c> calls it: axis 0 (rows) then axis 1 (columns), never across channels, with a separate sigma
/// per axis (0 skips the axis, as SciPy does) and SciPy's kernel and summation order.
/// </summary>
public static class NdGaussian
{
    /// <summary>Filters <paramref name="data"/> in place.</summary>
    /// <remarks>
    /// With <paramref name="singlePrecision"/> every value is rounded to float32 after each axis, as SciPy stores a
    /// float32 array between passes (it accumulates in double either way).
    /// </remarks>
    public static void Filter(Span<double> data, int height, int width, int channels, double sigmaRows, double sigmaCols, BorderMode mode, double cval = 0, bool singlePrecision = false)
    {
        int rowStride = checked(width * channels);
        if (data.Length != checked(height * rowStride))
        {
            throw new ArgumentException($"Expected {height * rowStride} values.", nameof(data));
        }

        if (sigmaRows > 1e-15)
        {
            var kernel = Filters.GaussianKernels.Get(sigmaRows);
            int need = height + (2 * (kernel.Length / 2));
            Span<double> padded = need <= 512 ? stackalloc double[need] : new double[need];
            for (int start = 0; start < rowStride; start++)
            {
                FilterLine(data, start, rowStride, height, kernel, mode, cval, padded);
            }

            RoundIf(singlePrecision, data);
        }

        if (sigmaCols > 1e-15)
        {
            var kernel = Filters.GaussianKernels.Get(sigmaCols);
            int need = width + (2 * (kernel.Length / 2));
            Span<double> padded = need <= 512 ? stackalloc double[need] : new double[need];
            for (int row = 0; row < height; row++)
            {
                for (int ch = 0; ch < channels; ch++)
                {
                    FilterLine(data, (row * rowStride) + ch, channels, width, kernel, mode, cval, padded);
                }
            }

            RoundIf(singlePrecision, data);
        }

    }

    private static void RoundIf(bool singlePrecision, Span<double> data)
    {
        if (singlePrecision)
        {
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = (float)data[i];
            }
        }
    }

    /// <summary>One line: elements start, start + step, ... (length of them), padded per <paramref name="mode"/>.</summary>
    private static void FilterLine(Span<double> data, int start, int step, int length, double[] kernel, BorderMode mode, double cval, Span<double> padded)
    {
        int radius = kernel.Length / 2;
        for (int k = 0; k < length; k++)
        {
            padded[radius + k] = data[start + (k * step)];
        }

        var line = padded.Slice(radius, length);
        for (int i = 1; i <= radius; i++)
        {
            padded[radius - i] = Outside(line, -i, mode, cval);
            padded[radius + length - 1 + i] = Outside(line, length - 1 + i, mode, cval);
        }

        for (int k = 0; k < length; k++)
        {
            data[start + (k * step)] = GaussianFilter.CorrelateSymmetricAt(padded, radius + k, kernel);
        }
    }

    private static double Outside(ReadOnlySpan<double> line, int index, BorderMode mode, double cval) => mode switch
    {
        BorderMode.Nearest => line[Math.Clamp(index, 0, line.Length - 1)],
        BorderMode.Constant => cval,
        _ => line[GaussianFilter.ReflectIndex(index, line.Length)],
    };
}
