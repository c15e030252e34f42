namespace DigitForge.Api.Http;

/// <summary>
/// Security headers on every response (issue 21, finding 9): nosniff and a same-origin referrer policy everywhere; a
/// Content-Security-Policy that Blazor's interactive Server rendering and MudBlazor run under (scripts and connections
/// only from this origin, which includes the circuit's WebSocket; inline styles, which MudBlazor sets on elements;
/// images also as data: and blob: URLs) with <c>frame-ancestors 'none'</c>, except on Swagger UI, which has its own
/// inline bootstrap. The policy is configuration (<c>DigitForge:Http:ContentSecurityPolicy</c>), empty to leave it out.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next, IConfiguration configuration)
{
    public const string DefaultPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    private readonly string _policy = configuration[$"{HttpLimitOptions.SectionName}:ContentSecurityPolicy"] ?? DefaultPolicy;

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            if (_policy.Length > 0 && !context.Request.Path.StartsWithSegments("/swagger"))
            {
                headers.ContentSecurityPolicy = _policy;
                headers.XFrameOptions = "DENY";
            }

            headers.Remove("Server");
            return Task.CompletedTask;
        });
        return next(context);
    }
}
