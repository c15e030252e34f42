using DigitForge.Application.Training;
using DigitForge.Domain.Errors;

namespace DigitForge.Cli;

/// <summary>Process exit codes, stable for scripts (README.md, "Exit codes").</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int InvalidInput = 2;
    public const int DataUnavailable = 3;
    public const int NotFound = 4;
    public const int EngineUnavailable = 5;
    public const int Conflict = 6;
    public const int LimitReached = 7;

    /// <summary>
    /// The one mapping from the error model to exit codes. An upload too large is bad input for a command; a missing
    /// engine keeps its own code (5) beside missing data (3) because scripts tell the two apart to know what to install.
    /// </summary>
    public static int For(DigitForgeException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Category switch
        {
            ErrorCategory.InvalidInput or ErrorCategory.TooLarge => InvalidInput,
            ErrorCategory.NotFound => NotFound,
            ErrorCategory.Conflict => Conflict,
            ErrorCategory.LimitReached => LimitReached,
            ErrorCategory.Unavailable when error is TrainingEngineException => EngineUnavailable,
            ErrorCategory.Unavailable => DataUnavailable,
            _ => Failure,
        };
    }
}
