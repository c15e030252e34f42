namespace DigitForge.Application.Corruptions.PreviewCorruption;

/// <summary>
/// A corrupted image as uint8 HWC bytes (1 channel grey, 3 RGB), truncated like the references store it, and the same
/// pixels as PNG.
/// </summary>
public sealed record CorruptionPreview(byte[] Pixels, int Height, int Width, int Channels, int Label, byte[] Png);
