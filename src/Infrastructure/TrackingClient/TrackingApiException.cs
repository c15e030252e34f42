using System.Net;
using DigitForge.Domain.Errors;

namespace DigitForge.Infrastructure.TrackingClient;

/// <summary>A non-success answer of the tracking API, with its status and the problem details' title and detail.</summary>
public sealed class TrackingApiException : DigitForgeException
{
    public TrackingApiException(HttpStatusCode status, string message)
        : base(CategoryOf(status), message)
    {
        Status = status;
    }

    public TrackingApiException()
        : this(HttpStatusCode.InternalServerError, "The tracking API failed.")
    {
    }

    public TrackingApiException(string message)
        : this(HttpStatusCode.InternalServerError, message)
    {
    }

    public TrackingApiException(string message, Exception innerException)
        : base(ErrorCategory.Failed, message, innerException)
    {
        Status = HttpStatusCode.InternalServerError;
    }

    public HttpStatusCode Status { get; }

    /// <summary>The server's answer read back as the category it was mapped from, so the CLI exits as it would locally.</summary>
    private static ErrorCategory CategoryOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => ErrorCategory.InvalidInput,
        HttpStatusCode.NotFound => ErrorCategory.NotFound,
        HttpStatusCode.Conflict => ErrorCategory.Conflict,
        HttpStatusCode.RequestEntityTooLarge => ErrorCategory.TooLarge,
        HttpStatusCode.TooManyRequests => ErrorCategory.LimitReached,
        HttpStatusCode.ServiceUnavailable => ErrorCategory.Unavailable,
        _ => ErrorCategory.Failed,
    };
}
