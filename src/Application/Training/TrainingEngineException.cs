using DigitForge.Domain.Errors;

namespace DigitForge.Application.Training;

/// <summary>An error from the training engine, with libtorch's message (never a crash of the process).</summary>
public class TrainingEngineException : DigitForgeException
{
    public TrainingEngineException(EngineErrorKind kind, string message, Exception? innerException = null)
        : base(CategoryOf(kind), message, innerException)
    {
        Kind = kind;
    }

    public TrainingEngineException()
        : this(EngineErrorKind.Internal, "The training engine failed.")
    {
    }

    public TrainingEngineException(string message)
        : this(EngineErrorKind.Internal, message)
    {
    }

    public TrainingEngineException(string message, Exception innerException)
        : this(EngineErrorKind.Internal, message, innerException)
    {
    }

    public EngineErrorKind Kind { get; }

    /// <summary>Bad arguments or a device this machine lacks are the caller's input; a missing engine is unavailable; the rest failed.</summary>
    private static ErrorCategory CategoryOf(EngineErrorKind kind) => kind switch
    {
        EngineErrorKind.InvalidArgument or EngineErrorKind.DeviceUnavailable => ErrorCategory.InvalidInput,
        EngineErrorKind.NotInstalled => ErrorCategory.Unavailable,
        _ => ErrorCategory.Failed,
    };
}
