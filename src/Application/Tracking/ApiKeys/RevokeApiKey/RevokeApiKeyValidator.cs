using DigitForge.Application.Common;
using DigitForge.Application.Common.Pipeline;
using DigitForge.Domain.Tracking;

namespace DigitForge.Application.Tracking.ApiKeys.RevokeApiKey;

/// <summary>The key is named (id, prefix or name).</summary>
public sealed class RevokeApiKeyValidator : IRequestValidator<RevokeApiKeyRequest>
{
    public void Validate(RevokeApiKeyRequest request, ICollection<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(request.Key))
        {
            errors.Add(new ValidationError("key", "Name the key to revoke by its id, prefix or name."));
        }
        else if (request.Key.Trim().Length > TrackingLimits.MaxNameLength)
        {
            errors.Add(new ValidationError("key", $"Must be at most {TrackingLimits.MaxNameLength} characters."));
        }
    }
}
