using DigitForge.Application.Common;
using DigitForge.Application.Common.Pipeline;
using DigitForge.Domain.Tracking;

namespace DigitForge.Application.Tracking.ApiKeys.CreateApiKey;

/// <summary>A name within the tracking limits; every scope one of read, write, admin.</summary>
public sealed class CreateApiKeyValidator : IRequestValidator<CreateApiKeyRequest>
{
    public void Validate(CreateApiKeyRequest request, ICollection<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        if (request.Name?.Trim() is { Length: > TrackingLimits.MaxNameLength })
        {
            errors.Add(new ValidationError("name", $"Must be at most {TrackingLimits.MaxNameLength} characters."));
        }

        foreach (string scope in request.Scopes ?? [])
        {
            if (!ApiScopeRules.TryParse(scope, out var parsed) || parsed == ApiScopes.None)
            {
                errors.Add(new ValidationError("scopes", $"Unknown scope '{scope}': use {string.Join(", ", ApiScopeRules.AllNames)}."));
            }
        }
    }
}
