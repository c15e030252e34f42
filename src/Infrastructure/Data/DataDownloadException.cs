using DigitForge.Domain.Errors;

namespace DigitForge.Infrastructure.Data;

/// <summary>No mirror delivered a valid copy of a file; <see cref="Failures"/> says why for each mirror.</summary>
public sealed class DataDownloadException : DigitForgeException
{
    public DataDownloadException()
        : base(ErrorCategory.Failed, "The download failed.")
    {
    }

    public DataDownloadException(string message)
        : base(ErrorCategory.Failed, message)
    {
    }

    public DataDownloadException(string message, Exception innerException)
        : base(ErrorCategory.Failed, message, innerException)
    {
    }

    public DataDownloadException(string fileName, IReadOnlyList<MirrorFailure> failures)
        : base(ErrorCategory.Failed, BuildMessage(fileName, failures))
    {
        FileName = fileName;
        Failures = failures;
    }

    public string? FileName { get; }

    public IReadOnlyList<MirrorFailure> Failures { get; } = [];

    private static string BuildMessage(string fileName, IReadOnlyList<MirrorFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        string reasons = failures.Count == 0
            ? " (no mirrors configured)"
            : ":" + string.Concat(failures.Select(failure => $"{Environment.NewLine}  - {failure}"));
        return $"Could not download {fileName} from any mirror{reasons}{Environment.NewLine}" +
               "Without internet access, import the files instead: digitforge data import PATH.";
    }
}
