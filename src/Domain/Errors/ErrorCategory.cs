namespace DigitForge.Domain.Errors;

/// <summary>
/// What kind of failure a <see cref="DigitForgeException"/> is. Front ends map a category, never an exception type, to
/// their answer: the API to an HTTP status + problem details (Api/Http/ProblemDetailsExceptionHandler), the CLI to an
/// exit code (Cli/ExitCodes.For).
/// </summary>
public enum ErrorCategory
{
    /// <summary>The caller's input is wrong (400 / exit 2).</summary>
    InvalidInput,

    /// <summary>A named resource does not exist (404 / exit 4).</summary>
    NotFound,

    /// <summary>The request contradicts what is already stored (409 / exit 6).</summary>
    Conflict,

    /// <summary>An upload or payload exceeds a configured size (413 / exit 2: for a command it is bad input).</summary>
    TooLarge,

    /// <summary>A configured concurrency or rate limit is reached; retry later (429 / exit 7).</summary>
    LimitReached,

    /// <summary>Something the request needs is not installed or not reachable: source data, the engine (503 / exit 3, 5 for the engine).</summary>
    Unavailable,

    /// <summary>The operation failed for a reason outside the caller's input (500 / exit 1).</summary>
    Failed,
}
