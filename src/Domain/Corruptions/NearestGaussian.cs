namespace DigitForge.Domain.Corruptions;

/// <summary>
/// SciPy <c>gaussian_filter(x, sigma, mode='nearest')</c> over the two spatial axes of a float64 HWC image, never
/// across channels (scikit-image's <c>gaussian</c> with the channel axis guessed for (M, N, 3)). Same kernel and
/// summation order as SciPy (centre tap, then pairs from the outermost inward; axis 0 then axis 1, float64 between).
/// </summary>
internal static class NearestGaussian
{
    public static void Filter(double[] values, int height, int width, int channels, double sigma)
    {
        double[] kernel = Filters.GaussianKernels.Get(sigma);
        if (kernel.Length == 1)
        {
            return;
        }

        int radius = kernel.Length / 2;
        int longest = Math.Max(height, width);
        double[] buffer = new double[longest + (2 * radius) + longest];
        // Axis 0: each column of each channel; axis 1: each row of each channel.
        for (int col = 0; col < width; col++)
        {
            for (int channel = 0; channel < channels; channel++)
            {
                int start = (col * channels) + channel;
                FilterLine(values, start, width * channels, height, kernel, buffer);
            }
        }

        for (int row = 0; row < height; row++)
        {
            for (int channel = 0; channel < channels; channel++)
            {
                int start = (row * width * channels) + channel;
                FilterLine(values, start, channels, width, kernel, buffer);
            }
        }
    }

    private static void FilterLine(double[] values, int start, int stride, int length, double[] kernel, double[] buffer)
    {
        int radius = kernel.Length / 2;
        var line = buffer.AsSpan(0, length + (2 * radius));
        var output = buffer.AsSpan(line.Length, length);
        double first = values[start];
        double last = values[start + ((length - 1) * stride)];
        line[..radius].Fill(first);
        line[(radius + length)..].Fill(last);
        for (int i = 0, at = start; i < length; i++, at += stride)
        {
            line[radius + i] = values[at];
        }

        double centre = kernel[radius];
        for (int i = 0; i < length; i++)
        {
            int c = i + radius;
            double acc = line[c] * centre;
            for (int j = radius; j >= 1; j--)
            {
                acc += (line[c - j] + line[c + j]) * kernel[radius - j];
            }

            output[i] = acc;
        }

        for (int i = 0, at = start; i < length; i++, at += stride)
        {
            values[at] = output[i];
        }
    }
}
