using DigitForge.Application.Common.Observability;
using Microsoft.AspNetCore.Http.Features;

namespace DigitForge.Api.Http;

/// <summary>
/// Counts the body bytes of every response into <c>digitforge.http.response.bytes</c>, tagged with the route template
/// (never the raw path: ids would explode the series) and the status code. ASP.NET Core's own metrics count requests
/// and durations but not bytes, which is what a dataset service's operators watch.
/// </summary>
internal sealed class ResponseBytesMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var original = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var counting = new CountingResponseBody(original);
        context.Features.Set<IHttpResponseBodyFeature>(counting);
        try
        {
            await next(context);
        }
        finally
        {
            context.Features.Set(original);
            if (counting.Bytes > 0)
            {
                string route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(unmatched)";
                DigitForgeTelemetry.ResponseBytes.Add(counting.Bytes,
                    new KeyValuePair<string, object?>("http.route", route),
                    new KeyValuePair<string, object?>("http.response.status_code", context.Response.StatusCode));
            }
        }
    }
}
