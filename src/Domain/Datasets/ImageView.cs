namespace DigitForge.Domain.Datasets;

/// <summary>
/// Says that per-row array <see cref="ArrayName"/> is an image of <see cref="Height"/> x <see cref="Width"/>: grayscale,
/// or with <see cref="Channels"/> = 3 RGB interleaved (height, width, channel; uint8 only). uint8 rows are pixels as
/// they are, float32 rows are 0 = black .. 1 = white (turned into bytes the way PNGs are).
/// </summary>
public sealed record ImageView(string ArrayName, int Height, int Width, int Channels = 1);
