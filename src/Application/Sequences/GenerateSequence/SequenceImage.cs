using DigitForge.Application.Common;

namespace DigitForge.Application.Sequences.GenerateSequence;

/// <summary>
/// A rendered sequence, encoded (dispose it once written), or nothing when the caller already holds these bytes.
/// </summary>
/// <param name="ContentId">With a seed, the id of the bytes (hash of the canonical request + renderer + data origin); null without one.</param>
/// <param name="File">The encoded image; null when <see cref="NotModified"/>.</param>
/// <param name="Width">Image width in pixels (0 when not rendered).</param>
/// <param name="Height">Image height in pixels (0 when not rendered).</param>
public sealed record SequenceImage(string? ContentId, IEncodedFile? File, int Width, int Height) : IDisposable
{
    public bool NotModified => File is null;

    public void Dispose() => File?.Dispose();
}
