namespace DigitForge.Domain.Corruptions;

/// <summary>
/// An image as the corruption references handle it: float32 intensities 0..255 (0 = black), row-major, channels
/// interleaved per pixel (height, width, channel) like a NumPy HWC array. Grayscale has one channel, CIFAR-10 three.
/// </summary>
/// <remarks>
/// Values may leave 0..255 between steps of a composition, as the references keep floats between steps; only the
/// final conversion to bytes clips (and truncates or rounds, per reference).
/// </remarks>
public sealed class Raster
{
    public Raster(int height, int width, int channels)
        : this(height, width, channels, new float[checked(height * width * channels)])
    {
    }

    public Raster(int height, int width, int channels, float[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != height * width * channels)
        {
            throw new ArgumentException($"Expected {height * width * channels} values for {height}x{width}x{channels}, got {pixels.Length}.", nameof(pixels));
        }

        Height = height;
        Width = width;
        Channels = channels;
        Pixels = pixels;
    }

    public int Height { get; }

    public int Width { get; }

    public int Channels { get; }

    /// <summary>Row-major, channel-interleaved values, length Height * Width * Channels. Corruptions may modify it.</summary>
    public float[] Pixels { get; }

    public float this[int row, int col, int channel = 0]
    {
        get => Pixels[(((row * Width) + col) * Channels) + channel];
        set => Pixels[(((row * Width) + col) * Channels) + channel] = value;
    }

    public Raster Clone() => new(Height, Width, Channels, (float[])Pixels.Clone());

    /// <summary>An image of the same shape, all zeros.</summary>
    public Raster EmptyLike() => new(Height, Width, Channels);

    public static Raster FromBytes(ReadOnlySpan<byte> pixels, int height, int width, int channels)
    {
        var raster = new Raster(height, width, channels);
        if (pixels.Length != raster.Pixels.Length)
        {
            throw new ArgumentException($"Expected {raster.Pixels.Length} bytes for {height}x{width}x{channels}, got {pixels.Length}.", nameof(pixels));
        }

        for (int i = 0; i < pixels.Length; i++)
        {
            raster.Pixels[i] = pixels[i];
        }

        return raster;
    }

    /// <summary>Clip to 0..255 and truncate, as <c>np.uint8(np.clip(x, 0, 255))</c> (the compositional reference).</summary>
    public void CopyToBytesTruncated(Span<byte> destination)
    {
        CheckDestination(destination);
        for (int i = 0; i < Pixels.Length; i++)
        {
            float v = Pixels[i];
            destination[i] = v >= 255f ? (byte)255 : v > 0f ? (byte)v : (byte)0;
        }
    }

    /// <summary>Round half to even, then clip to 0..255, as <c>np.round(x).astype(np.uint8)</c> on clipped input (MNIST-C).</summary>
    public void CopyToBytesRounded(Span<byte> destination)
    {
        CheckDestination(destination);
        for (int i = 0; i < Pixels.Length; i++)
        {
            destination[i] = (byte)Math.Clamp(MathF.Round(Pixels[i], MidpointRounding.ToEven), 0f, 255f);
        }
    }

    private void CheckDestination(Span<byte> destination)
    {
        if (destination.Length != Pixels.Length)
        {
            throw new ArgumentException($"Expected a destination of {Pixels.Length} bytes, got {destination.Length}.", nameof(destination));
        }
    }
}
