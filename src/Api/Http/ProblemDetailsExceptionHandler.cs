using System.Globalization;
using DigitForge.Application.Common;
using DigitForge.Application.DataSources;
using DigitForge.Application.Datasets;
using DigitForge.Application.Training;
using DigitForge.Domain.Tracking;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace DigitForge.Api.Http;

/// <summary>
/// Maps the exceptions use cases throw to RFC 9457 problem details, for every endpoint group: invalid input → 400
/// naming the fields, unknown dataset or tracking resource → 404, a tracking write that contradicts stored data (param
/// rewrite, logging to an ended run, forbidden status change, taken name) → 409, an upload over its limit → 413, too
/// many downloads → 429 with Retry-After, missing source data or training engine → 503 saying how to get it. Anything else stays a logged 500.
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
        if (exception is DatasetStreamLimitException limit)
        {
            httpContext.Response.Headers.RetryAfter = limit.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
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
            Title = "One or more request parameters are invalid.",
            Detail = validation.Message,
        },
        BadHttpRequestException bad => Problem(bad.StatusCode, "Bad request.", bad),
        DatasetNotFoundException => Problem(StatusCodes.Status404NotFound, "Dataset not found.", exception),
        NotFoundException => Problem(StatusCodes.Status404NotFound, "Not found.", exception),
        TrackingConflictException => Problem(StatusCodes.Status409Conflict, "The write conflicts with what is already stored.", exception),
        PayloadTooLargeException => Problem(StatusCodes.Status413PayloadTooLarge, "The upload is too large.", exception),
        DatasetStreamLimitException => Problem(StatusCodes.Status429TooManyRequests, "Too many dataset downloads at once.", exception),
        DataSourceUnavailableException => Problem(StatusCodes.Status503ServiceUnavailable, "Source data is not available.", exception),
        TrainingEngineUnavailableException => Problem(StatusCodes.Status503ServiceUnavailable, "The training engine is not installed.", exception),
        _ => null,
    };

    private static ProblemDetails Problem(int status, string title, Exception exception) =>
        new() { Status = status, Title = title, Detail = exception.Message };
}
