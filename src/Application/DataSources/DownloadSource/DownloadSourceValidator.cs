using DigitForge.Application.Common;
using DigitForge.Application.Common.Pipeline;

namespace DigitForge.Application.DataSources.DownloadSource;

/// <summary>A source the store knows.</summary>
public sealed class DownloadSourceValidator(ISourceStore store) : IRequestValidator<DownloadSourceRequest>
{
    public void Validate(DownloadSourceRequest request, ICollection<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        if (store.Unknown(request.Source) is { } why)
        {
            errors.Add(new ValidationError("source", why));
        }
    }
}
