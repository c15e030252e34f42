namespace DigitForge.Application.Training;

/// <summary>The native engine is not installed (or cannot be loaded); the message says how to build it.</summary>
public sealed class TrainingEngineUnavailableException : TrainingEngineException
{
    public TrainingEngineUnavailableException(string message)
        : base(EngineErrorKind.NotInstalled, message)
    {
    }

    public TrainingEngineUnavailableException()
        : this("The training engine is not installed: run scripts/build-native.sh.")
    {
    }

    public TrainingEngineUnavailableException(string message, Exception innerException)
        : base(EngineErrorKind.NotInstalled, message, innerException)
    {
    }

    public override string Title => "The training engine is not installed.";
}
