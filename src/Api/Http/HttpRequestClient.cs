using DigitForge.Application.Common;

namespace DigitForge.Api.Http;

/// <summary>The current HTTP request's client: the same key the rate limits partition by (its remote address).</summary>
internal sealed class HttpRequestClient(IHttpContextAccessor accessor) : IRequestClient
{
    public string Id => accessor.HttpContext is { } context ? GeneratingRateLimits.ClientOf(context) : "local";
}
