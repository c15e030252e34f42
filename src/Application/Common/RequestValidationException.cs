using DigitForge.Domain.Errors;

namespace DigitForge.Application.Common;

/// <summary>
/// Thrown by a use case when its input is invalid. Front ends turn it into a 400 problem details response
/// (errors keyed by field) or a CLI message with a non-zero exit code.
/// </summary>
public sealed class RequestValidationException : DigitForgeException
{
    public RequestValidationException(IReadOnlyList<ValidationError> errors)
        : base(ErrorCategory.InvalidInput, string.Join("; ", (errors ?? throw new ArgumentNullException(nameof(errors))).Select(e => $"{e.Field}: {e.Message}")))
    {
        Errors = errors;
    }

    public RequestValidationException(string field, string message)
        : this([new ValidationError(field, message)])
    {
    }

    public RequestValidationException()
        : this([])
    {
    }

    public RequestValidationException(string message)
        : this("request", message)
    {
    }

    public RequestValidationException(string message, Exception innerException)
        : base(ErrorCategory.InvalidInput, message, innerException)
    {
        Errors = [new ValidationError("request", message)];
    }

    public IReadOnlyList<ValidationError> Errors { get; }

    /// <summary>Errors grouped by field, the shape of <c>ValidationProblemDetails.Errors</c>.</summary>
    public IDictionary<string, string[]> ToDictionary() =>
        Errors.GroupBy(e => e.Field, StringComparer.Ordinal)
              .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
}
