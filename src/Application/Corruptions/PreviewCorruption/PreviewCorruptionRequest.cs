using Mediator;

namespace DigitForge.Application.Corruptions.PreviewCorruption;

/// <summary>
/// One source test image through one corruption or composition (<paramref name="Corruption"/> may be <c>invert-swirl</c>),
/// as PNG. Severity 0 means the clean image; null the default severity (single corruptions only).
/// </summary>
public sealed record PreviewCorruptionRequest(string Corruption, int? Severity, string Source, int Index, ulong Seed) : IRequest<CorruptionPreview>;
