using DigitForge.Domain.Signal;

namespace DigitForge.Domain.Morphology;

/// <summary>
/// SciPy's <c>gaussian_filter(image, sigma, mode='reflect', truncate=4)</c> on a float64 image (axis 0, then axis 1),
/// which is what scikit-image's <c>gaussian(mode='reflect')</c> inside the pyramid functions calls.
/// </summary>
internal static class ReflectGaussian
{
    private static readonly Lock CacheLock = new();
    private static readonly Dictionary<double, double[]> Kernels = [];

    public static void Filter(Span<double> pixels, int height, int width, double sigma)
    {
        double[] kernel = Kernel(sigma);
        int radius = kernel.Length / 2;
        var padded = new double[Math.Max(height, width) + (2 * radius)];
        var line = new double[Math.Max(height, width)];

        // Axis 0: each column.
        for (int c = 0; c < width; c++)
        {
            for (int r = 0; r < height; r++)
            {
                line[r] = pixels[(r * width) + c];
            }

            Correlate(line.AsSpan(0, height), padded, kernel);
            for (int r = 0; r < height; r++)
            {
                pixels[(r * width) + c] = line[r];
            }
        }

        for (int r = 0; r < height; r++)
        {
            Correlate(pixels.Slice(r * width, width), padded, kernel);
        }
    }

    private static double[] Kernel(double sigma)
    {
        lock (CacheLock)
        {
            if (!Kernels.TryGetValue(sigma, out var kernel))
            {
                kernel = GaussianFilter.Kernel(sigma);
                Kernels[sigma] = kernel;
            }

            return kernel;
        }
    }

    private static void Correlate(Span<double> line, double[] padded, double[] kernel)
    {
        int n = line.Length;
        int radius = kernel.Length / 2;
        for (int i = 0; i < n + (2 * radius); i++)
        {
            padded[i] = line[GaussianFilter.ReflectIndex(i - radius, n)];
        }

        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int k = 0; k < kernel.Length; k++)
            {
                sum += kernel[k] * padded[i + k];
            }

            line[i] = sum;
        }
    }
}
