using DigitForge.Domain.Errors;

namespace DigitForge.Application.DataSources;

/// <summary>
/// The requested source data (e.g. MNIST train files) is not in the data directory. Front ends answer 503 with
/// <see cref="Exception.Message"/>, which says how to get the data.
/// </summary>
public sealed class DataSourceUnavailableException : DigitForgeException
{
    public DataSourceUnavailableException()
        : base(ErrorCategory.Unavailable, "Source data is not available.")
    {
    }

    public DataSourceUnavailableException(string message)
        : base(ErrorCategory.Unavailable, message)
    {
    }

    public DataSourceUnavailableException(string message, Exception innerException)
        : base(ErrorCategory.Unavailable, message, innerException)
    {
    }

    public override string Title => "Source data is not available.";
}
