using DigitForge.Application.Common;
using DigitForge.Application.Common.Pipeline;

namespace DigitForge.Application.Morphology.MeasureImageFiles;

/// <summary>At least one file, each present; a known perturbation; counts and threads that make sense.</summary>
public sealed class MeasureImageFilesValidator : IRequestValidator<MeasureImageFilesRequest>
{
    public void Validate(MeasureImageFilesRequest request, ICollection<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        if (request.Paths.Count == 0)
        {
            errors.Add(new ValidationError("files", "Give at least one PNG or IDX file."));
        }

        foreach (string path in request.Paths.Where(p => !File.Exists(p)))
        {
            errors.Add(new ValidationError("files", $"No such file: {path}"));
        }

        if (request.Perturbation is { } op)
        {
            MorphoPerturbations.Check(op, null, errors, "perturb");
        }

        if (request.Threads is < 1)
        {
            errors.Add(new ValidationError("threads", $"Must be 1 or more, got {request.Threads}."));
        }
    }
}
