using DigitForge.Domain.Errors;

namespace DigitForge.Application.Common;

/// <summary>Thrown when a named resource (run, experiment, image, artifact) does not exist; front ends answer 404.</summary>
public sealed class NotFoundException : DigitForgeException
{
    public NotFoundException(string message)
        : base(ErrorCategory.NotFound, message)
    {
    }

    public NotFoundException()
        : this("Not found.")
    {
    }

    public NotFoundException(string message, Exception innerException)
        : base(ErrorCategory.NotFound, message, innerException)
    {
    }
}
