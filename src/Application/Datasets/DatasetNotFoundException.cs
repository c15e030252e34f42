using DigitForge.Domain.Errors;

namespace DigitForge.Application.Datasets;

/// <summary>No dataset is stored under the id. Front ends answer 404.</summary>
public sealed class DatasetNotFoundException : DigitForgeException
{
    public DatasetNotFoundException()
        : base(ErrorCategory.NotFound, "Dataset not found.")
    {
    }

    public DatasetNotFoundException(string message)
        : base(ErrorCategory.NotFound, message)
    {
    }

    public DatasetNotFoundException(string message, Exception innerException)
        : base(ErrorCategory.NotFound, message, innerException)
    {
    }

    public override string Title => "Dataset not found.";

    public static DatasetNotFoundException ForId(string id) =>
        new($"No dataset with id '{id}'. Create it from its spec first (a dataset is stored when its spec is submitted).");
}
