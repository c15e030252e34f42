using DigitForge.Application.Morphology.MeasureMorphometrics;
using Mediator;

namespace DigitForge.Application.Morphology.MeasureImageFiles;

/// <summary>
/// Morphometrics of every image in some PNG or IDX files (like the reference's measure_dir.py), optionally after a
/// perturbation (image i drawing from stream (seed, i)), as the dataset scripts do.
/// </summary>
/// <param name="Paths">PNG images or IDX image files.</param>
/// <param name="Perturbation">thin, thick, swell or fracture (null: measure as read).</param>
/// <param name="Seed">Seed of the perturbations.</param>
/// <param name="Count">Only the first N images.</param>
/// <param name="Threads">Worker threads (null: all cores).</param>
public sealed record MeasureImageFilesRequest(IReadOnlyList<string> Paths, string? Perturbation = null, ulong Seed = 0, int? Count = null, int? Threads = null)
    : IRequest<IReadOnlyList<MeasuredImage>>
{
    /// <summary>Given the number of images once read, a progress sink for images measured (or null for none).</summary>
    public Func<int, IProgress<int>?>? Progress { get; init; }
}
