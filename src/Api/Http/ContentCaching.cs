using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace DigitForge.Api.Http;

/// <summary>
/// The one ETag / 304 / Cache-Control implementation for content-addressed responses (same id, same bytes): the ETag
/// is the quoted content id, and If-None-Match is compared with the typed header values, weakly (RFC 9110 §13.1.2:
/// W/"x" matches "x") and with * matching anything.
/// </summary>
internal static class ContentCaching
{
    /// <summary>"public, max-age=31536000": formatted once by the header type rather than per request.</summary>
    public static readonly string Immutable =
        new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromDays(365) }.ToString();

    /// <summary>The ETag of a content id.</summary>
    public static EntityTagHeaderValue ETag(string contentId) => new($"\"{contentId}\"");

    /// <summary>Whether the request's If-None-Match names <paramref name="contentId"/> (weak comparison) or is *.</summary>
    public static bool ClientHolds(HttpContext context, string contentId)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Most requests carry no If-None-Match: skip building and parsing header values for them.
        return context.Request.Headers.IfNoneMatch.Count > 0 && ClientHolds(context, ETag(contentId));
    }

    /// <summary>Whether the request's If-None-Match names <paramref name="etag"/> (weak comparison) or is *.</summary>
    public static bool ClientHolds(HttpContext context, EntityTagHeaderValue etag)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false));
    }

    /// <summary>Sets ETag and Cache-Control for the content.</summary>
    public static void SetHeaders(HttpContext context, string contentId, string cacheControl)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.ETag = $"\"{contentId}\"";
        context.Response.Headers.CacheControl = cacheControl;
    }

    /// <summary>
    /// Sets the headers and answers whether the client's copy is current (then send
    /// <see cref="NotModified"/>, nothing else).
    /// </summary>
    public static bool IsNotModified(HttpContext context, string contentId, string cacheControl)
    {
        SetHeaders(context, contentId, cacheControl);
        return ClientHolds(context, contentId);
    }

    /// <summary>304 with the headers already set.</summary>
    public static StatusCodeHttpResult NotModified() => TypedResults.StatusCode(StatusCodes.Status304NotModified);
}
