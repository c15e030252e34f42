using DigitForge.Domain.Errors;

namespace DigitForge.Domain.Tracking.Search;

/// <summary>A filter or order expression that does not parse; the message says where and what was expected.</summary>
public sealed class RunFilterException : DigitForgeException
{
    public RunFilterException(string message)
        : base(ErrorCategory.InvalidInput, message)
    {
    }

    public RunFilterException()
        : this("Invalid run filter.")
    {
    }

    public RunFilterException(string message, Exception innerException)
        : base(ErrorCategory.InvalidInput, message, innerException)
    {
    }
}
