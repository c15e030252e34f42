namespace DigitForge.Infrastructure.Encoding;

/// <summary>A decoded 8-bit PNG: row-major pixels, interleaved R, G, B for <see cref="PngColorType.Rgb8"/>.</summary>
public sealed class PngImage
{
    public PngImage(int width, int height, PngColorType colorType, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != (long)width * height * colorType.BytesPerPixel())
        {
            throw new ArgumentException($"Expected {(long)width * height * colorType.BytesPerPixel()} bytes for {width}x{height} {colorType}, got {pixels.Length}.", nameof(pixels));
        }

        Width = width;
        Height = height;
        ColorType = colorType;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public PngColorType ColorType { get; }

    public byte[] Pixels { get; }

    public int BytesPerPixel => ColorType.BytesPerPixel();

    public int Stride => Width * BytesPerPixel;

    /// <summary>One byte per pixel: the pixels themselves for gray, else the rounded mean of R, G and B.</summary>
    public byte[] ToGray()
    {
        if (ColorType == PngColorType.Gray8)
        {
            return Pixels;
        }

        var gray = new byte[Width * Height];
        for (int i = 0; i < gray.Length; i++)
        {
            gray[i] = (byte)((Pixels[3 * i] + Pixels[(3 * i) + 1] + Pixels[(3 * i) + 2] + 1) / 3);
        }

        return gray;
    }
}
