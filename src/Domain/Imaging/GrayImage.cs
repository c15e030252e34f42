namespace DigitForge.Domain.Imaging;

/// <summary>
/// A float32 grayscale image stored row-major. Sequences use the reference convention 0 = ink (black), 1 = paper (white);
/// source digits keep the IDX convention 0 = background, 255 = ink until they are converted.
/// </summary>
public sealed class GrayImage
{
    public GrayImage(int height, int width)
        : this(height, width, new float[checked(height * width)])
    {
    }

    public GrayImage(int height, int width, float[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != height * width)
        {
            throw new ArgumentException($"Expected {height * width} pixels for {height}x{width}, got {pixels.Length}.", nameof(pixels));
        }

        Height = height;
        Width = width;
        Pixels = pixels;
    }

    public int Height { get; }

    public int Width { get; }

    /// <summary>Row-major pixel buffer, length Height * Width. Filters may modify it in place.</summary>
    public float[] Pixels { get; }

    public float this[int row, int col]
    {
        get => Pixels[(row * Width) + col];
        set => Pixels[(row * Width) + col] = value;
    }

    public Span<float> Row(int row) => Pixels.AsSpan(row * Width, Width);

    /// <summary>
    /// True for the sequence convention (0 = ink on 1 = paper); false (the default) for the IDX convention (0 =
    /// background). Filters defined on MNIST's polarity (the MNIST-C corruptions, which fill uncovered pixels with
    /// background 0) read it to work the right way round.
    /// </summary>
    public bool InkIsDark { get; init; }

    public static GrayImage Filled(int height, int width, float value)
    {
        var image = new GrayImage(height, width);
        image.Pixels.AsSpan().Fill(value);
        return image;
    }

    public GrayImage Clone() => new(Height, Width, (float[])Pixels.Clone()) { InkIsDark = InkIsDark };

    /// <summary>Concatenates images of equal height left to right.</summary>
    public static GrayImage ConcatHorizontal(IReadOnlyList<GrayImage> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            return new GrayImage(0, 0);
        }

        int height = parts[0].Height;
        int width = 0;
        foreach (var part in parts)
        {
            if (part.Height != height)
            {
                throw new ArgumentException("All parts must have the same height.", nameof(parts));
            }

            width += part.Width;
        }

        var result = new GrayImage(height, width);
        for (int row = 0; row < height; row++)
        {
            var target = result.Row(row);
            int offset = 0;
            foreach (var part in parts)
            {
                part.Row(row).CopyTo(target[offset..]);
                offset += part.Width;
            }
        }

        return result;
    }
}
