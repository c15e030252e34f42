using DigitForge.Application.Common;
using Mediator;

namespace DigitForge.Application.Sequences.GenerateSequence;

/// <summary>
/// A digit-sequence image request, as the reference's <c>generate_numbers_sequence</c> takes it plus a seed and a source.
/// </summary>
/// <param name="Digits">Digits left to right; values outside 0..9 are reduced mod 10 like the reference.</param>
/// <param name="SpacingMin">Smallest gap between digits, pixels.</param>
/// <param name="SpacingMax">Largest gap between digits, pixels.</param>
/// <param name="Width">Output width in pixels; null or 0 gives the reference default n*28 + (n-1)*min.</param>
/// <param name="Evenly">Evenly mode (integer widths and gaps summing to the width) instead of random gaps + resize.</param>
/// <param name="Filters">Filter chain, e.g. "blur:sigma=2,distort".</param>
/// <param name="Seed">Makes the output reproducible; null draws from OS entropy.</param>
/// <param name="Source">Source dataset of the digit images, e.g. "mnist" (null: configured default).</param>
/// <param name="Format">The file the image is encoded as.</param>
/// <param name="ClientHolds">
/// For conditional requests: true for a content id whose bytes the caller already has (HTTP If-None-Match); the
/// handler then answers <see cref="SequenceImage.NotModified"/> without rendering.
/// </param>
public sealed record GenerateSequenceRequest(
    IReadOnlyList<int> Digits,
    int SpacingMin = 0,
    int SpacingMax = 0,
    int? Width = null,
    bool Evenly = false,
    string? Filters = null,
    ulong? Seed = null,
    string? Source = null,
    ImageFileFormat Format = ImageFileFormat.Png,
    Predicate<string>? ClientHolds = null) : IRequest<SequenceImage>;
