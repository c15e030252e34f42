using DigitForge.Domain.Errors;

namespace DigitForge.Application.Datasets;

/// <summary>As many bundle downloads as configured are already streaming. Front ends answer 429; retry later.</summary>
public sealed class DatasetStreamLimitException : DigitForgeException
{
    public DatasetStreamLimitException()
        : base(ErrorCategory.LimitReached, "Too many dataset downloads at once.")
    {
    }

    public DatasetStreamLimitException(string message)
        : base(ErrorCategory.LimitReached, message)
    {
    }

    public DatasetStreamLimitException(string message, Exception innerException)
        : base(ErrorCategory.LimitReached, message, innerException)
    {
    }

    /// <summary>Seconds a client should wait before retrying (the Retry-After header).</summary>
    public override int? RetryAfterSeconds => 5;

    public override string Title => "Too many dataset downloads at once.";
}
