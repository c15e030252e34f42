using DigitForge.Application.Common;
using DigitForge.Application.Common.Pipeline;

namespace DigitForge.Application.DataSources.WriteTestData;

/// <summary>A directory and zero or more images.</summary>
public sealed class WriteTestDataValidator : IRequestValidator<WriteTestDataRequest>
{
    public void Validate(WriteTestDataRequest request, ICollection<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(request.Directory))
        {
            errors.Add(new ValidationError("dir", "Give the directory to write to."));
        }

        if (request.Count < 0)
        {
            errors.Add(new ValidationError("count", "Must be zero or more."));
        }
    }
}
