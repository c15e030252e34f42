using DigitForge.Domain.Errors;

namespace DigitForge.Application.Datasets;

/// <summary>The server stores as many datasets as configured; another is refused until some are deleted (429).</summary>
public sealed class DatasetQuotaException : DigitForgeException
{
    public DatasetQuotaException()
        : this("The dataset quota is reached.")
    {
    }

    public DatasetQuotaException(string message)
        : base(ErrorCategory.LimitReached, message)
    {
    }

    public DatasetQuotaException(string message, Exception innerException)
        : base(ErrorCategory.LimitReached, message, innerException)
    {
    }

    public override int? RetryAfterSeconds => 60;

    public override string Title => "The dataset quota is reached.";
}
