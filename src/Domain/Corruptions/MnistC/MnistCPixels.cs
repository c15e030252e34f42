namespace DigitForge.Domain.Corruptions.MnistC;

/// <summary>The reference's value conventions: <c>x = np.array(img) / 255.</c> in, <c>np.clip(x, 0, 1) * 255</c> out.</summary>
internal static class MnistCPixels
{
    public static double[] ToUnit(Raster image)
    {
        var pixels = image.Pixels;
        var unit = new double[pixels.Length];
        for (int i = 0; i < unit.Length; i++)
        {
            unit[i] = pixels[i] / 255.0;
        }

        return unit;
    }

    /// <summary>Clips to 0..1, scales by 255 and stores float32 (<c>.astype(np.float32)</c>).</summary>
    public static Raster FromUnit(ReadOnlySpan<double> unit, Raster destination)
    {
        var pixels = destination.Pixels;
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (float)(Math.Clamp(unit[i], 0.0, 1.0) * 255);
        }

        return destination;
    }

    public static void CheckSeverity(int severity, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(severity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(severity, max);
    }
}
