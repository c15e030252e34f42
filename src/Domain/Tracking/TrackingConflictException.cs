using DigitForge.Domain.Errors;

namespace DigitForge.Domain.Tracking;

/// <summary>
/// A write that contradicts what is already stored: a param rewritten with another value, data logged to an ended run,
/// a status change the lifecycle forbids, a name already taken. Front ends answer it with 409 Conflict.
/// </summary>
public sealed class TrackingConflictException : DigitForgeException
{
    public TrackingConflictException(string message)
        : base(ErrorCategory.Conflict, message)
    {
    }

    public TrackingConflictException()
        : this("The write conflicts with stored tracking data.")
    {
    }

    public TrackingConflictException(string message, Exception innerException)
        : base(ErrorCategory.Conflict, message, innerException)
    {
    }
}
