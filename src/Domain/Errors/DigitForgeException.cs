namespace DigitForge.Domain.Errors;

/// <summary>
/// The base of every error a use case reports on purpose. <see cref="Category"/> decides how each front end answers;
/// <see cref="Exception.Message"/> is written for the user and names no front end (no HTTP route, no CLI flag that
/// only one front end has).
/// </summary>
public abstract class DigitForgeException : Exception
{
    protected DigitForgeException(ErrorCategory category, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Category = category;
    }

    public ErrorCategory Category { get; }

    /// <summary>A short summary of the kind of problem (problem details' title); the message carries the specifics.</summary>
    public virtual string Title => Category switch
    {
        ErrorCategory.InvalidInput => "One or more request parameters are invalid.",
        ErrorCategory.NotFound => "Not found.",
        ErrorCategory.Conflict => "The write conflicts with what is already stored.",
        ErrorCategory.TooLarge => "The upload is too large.",
        ErrorCategory.LimitReached => "A limit is reached; retry later.",
        ErrorCategory.Unavailable => "A required resource is not available.",
        _ => "The operation failed.",
    };

    /// <summary>For <see cref="ErrorCategory.LimitReached"/>: seconds after which a retry may succeed (HTTP Retry-After).</summary>
    public virtual int? RetryAfterSeconds => null;
}
