using DigitForge.Domain.Errors;

namespace DigitForge.Domain.Datasets;

/// <summary>A dataset spec cannot be generated; <see cref="Errors"/> name the spec fields at fault.</summary>
public sealed class DatasetSpecException : DigitForgeException
{
    public DatasetSpecException()
        : this([])
    {
    }

    public DatasetSpecException(string message)
        : this([new DatasetSpecError("spec", message)])
    {
    }

    public DatasetSpecException(string message, Exception innerException)
        : base(ErrorCategory.InvalidInput, message, innerException)
    {
        Errors = [new DatasetSpecError("spec", message)];
    }

    public DatasetSpecException(string field, string message)
        : this([new DatasetSpecError(field, message)])
    {
    }

    public DatasetSpecException(IReadOnlyList<DatasetSpecError> errors)
        : base(ErrorCategory.InvalidInput, string.Join("; ", (errors ?? throw new ArgumentNullException(nameof(errors))).Select(e => $"{e.Field}: {e.Message}")))
    {
        Errors = errors;
    }

    public IReadOnlyList<DatasetSpecError> Errors { get; }
}
