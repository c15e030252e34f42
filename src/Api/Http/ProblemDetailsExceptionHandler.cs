using System.Globalization;
using DigitForge.Application.Common;
using DigitForge.Domain.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace DigitForge.Api.Http;

/// <summary>
/// The one mapping from the error model to HTTP, for every endpoint group: a <see cref="DigitForgeException"/>'s
/// category picks the status (invalid input 400 with the fields, not found 404, conflict 409, too large 413, limit
/// reached 429 with Retry-After, unavailable 503) and its title and message fill the problem details. Failures
/// (<see cref="ErrorCategory.Failed"/>) and anything else stay a logged 500.
/// </summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = ToProblem(exception);
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (exception is DigitForgeException { RetryAfterSeconds: { } retryAfter })
        {
            httpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>The problem an exception stands for, or null when it is not one the API expects (a 500).</summary>
    internal static ProblemDetails? ToProblem(Exception exception) => exception switch
    {
        RequestValidationException validation => new ValidationProblemDetails(validation.ToDictionary())
        {
            Status = StatusCodes.Status400BadRequest,
            Title = validation.Title,
            Detail = validation.Message,
        },
        BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "Bad request.", Detail = bad.Message },
        DigitForgeException { Category: ErrorCategory.Unavailable } error =>
            new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = error.Title, Detail = ServerPaths.Redact(error.Message) },
        DigitForgeException error when StatusOf(error.Category) is { } status =>
            new ProblemDetails { Status = status, Title = error.Title, Detail = error.Message },
        _ => null,
    };

    /// <summary>The HTTP status of each category; null for failures, which stay 500s handled (and logged) by the host.</summary>
    internal static int? StatusOf(ErrorCategory category) => category switch
    {
        ErrorCategory.InvalidInput => StatusCodes.Status400BadRequest,
        ErrorCategory.NotFound => StatusCodes.Status404NotFound,
        ErrorCategory.Conflict => StatusCodes.Status409Conflict,
        ErrorCategory.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorCategory.LimitReached => StatusCodes.Status429TooManyRequests,
        ErrorCategory.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => null,
    };
}
