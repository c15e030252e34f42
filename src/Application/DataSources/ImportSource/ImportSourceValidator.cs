using DigitForge.Application.Common;
using DigitForge.Application.Common.Pipeline;

namespace DigitForge.Application.DataSources.ImportSource;

/// <summary>A path, and a source the store knows when one is named.</summary>
public sealed class ImportSourceValidator(ISourceStore store) : IRequestValidator<ImportSourceRequest>
{
    public void Validate(ImportSourceRequest request, ICollection<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(request.Path))
        {
            errors.Add(new ValidationError("path", "Give a file or directory to import."));
        }

        if (request.Source is { } source && store.Unknown(source) is { } why)
        {
            errors.Add(new ValidationError("source", why));
        }
    }
}
