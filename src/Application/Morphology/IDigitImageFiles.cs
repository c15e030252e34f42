using DigitForge.Application.Morphology.MeasureMorphometrics;

namespace DigitForge.Application.Morphology;

/// <summary>Digit images from files: a PNG is one image, an IDX image file (raw or .gz) every image in it; implemented in Infrastructure/Data.</summary>
public interface IDigitImageFiles
{
    /// <summary>The file's images as grey levels, each named by the file's name.</summary>
    Task<IReadOnlyList<ImageToMeasure>> ReadAsync(string path, CancellationToken cancellationToken);
}
