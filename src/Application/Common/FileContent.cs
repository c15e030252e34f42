namespace DigitForge.Application.Common;

/// <summary>A file a use case made (a plot, a preview): its bytes, media type and usual extension (with the dot).</summary>
public sealed record FileContent(byte[] Content, string ContentType, string Extension);
