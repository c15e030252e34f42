using DigitForge.Domain.Errors;

namespace DigitForge.Application.Tracking;

/// <summary>
/// A write lost a race on a unique key (an experiment name, a run's tag or param key) to a concurrent write. The
/// tracking database raises it for the provider's own error (SQLite's UNIQUE constraint, PostgreSQL's 23505), so use
/// cases can treat it as the outcome it is: get-or-create, a retry, or a 409 (issue 21, finding 4).
/// </summary>
public sealed class DuplicateKeyException : DigitForgeException
{
    public DuplicateKeyException(string message, Exception? innerException = null)
        : base(ErrorCategory.Conflict, message, innerException)
    {
    }

    public DuplicateKeyException()
        : this("A concurrent write stored the same key first; retry the request.")
    {
    }

    public DuplicateKeyException(string message)
        : this(message, null)
    {
    }
}
