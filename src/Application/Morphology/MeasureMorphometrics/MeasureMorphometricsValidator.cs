using DigitForge.Application.Common;
using DigitForge.Application.Common.Pipeline;
using Microsoft.Extensions.Options;

namespace DigitForge.Application.Morphology.MeasureMorphometrics;

/// <summary>
/// Uploads: 1 to MaxImages files. A dataset: an offset of 0 or more and a count of 1 to MaxImages (the offset's upper
/// bound, the split and whether rows are images are known once the dataset is found).
/// </summary>
public sealed class MeasureMorphometricsValidator(IOptions<MorphometricsOptions> options) : IRequestValidator<MeasureMorphometricsRequest>
{
    public void Validate(MeasureMorphometricsRequest request, ICollection<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        int max = options.Value.MaxImages;
        if (string.IsNullOrEmpty(request.Dataset))
        {
            if (request.Uploads.Count == 0)
            {
                errors.Add(new ValidationError("files", "Upload at least one PNG image, or name a dataset."));
            }
            else if (request.Uploads.Count > max)
            {
                errors.Add(new ValidationError("files", $"At most {max:N0} images per request, got {request.Uploads.Count:N0}."));
            }

            return;
        }

        if (request.Offset < 0)
        {
            errors.Add(new ValidationError("offset", $"Must be 0 or more, got {request.Offset}."));
        }

        if (request.Count < 1 || request.Count > max)
        {
            errors.Add(new ValidationError("count", $"Must be from 1 to {max:N0}, got {request.Count}."));
        }
    }
}
