using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace DigitForge.Api.Http;

/// <summary>
/// Refuses a JSON request body whose Content-Type names a charset .NET does not know, with 415 problem details, before
/// any endpoint binds it: the framework's JSON reader throws an InvalidOperationException for such a charset, which
/// its body binding does not turn into a 400, so every JSON-body endpoint answered 500 (issue 21, finding 6).
/// A Content-Type that does not parse at all is a 415 as well.
/// </summary>
internal sealed class JsonCharsetMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        string? contentType = context.Request.ContentType;
        if (contentType is not null && Refusal(contentType) is { } detail)
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status415UnsupportedMediaType,
                    Title = "Unsupported media type.",
                    Detail = detail,
                },
            });
            return;
        }

        await next(context);
    }

    /// <summary>Why a Content-Type is refused, or null when it is fine (or not JSON, which endpoints judge themselves).</summary>
    internal static string? Refusal(string contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            // Only JSON bodies are judged here; a malformed header that mentions json is one.
            return contentType.Contains("json", StringComparison.OrdinalIgnoreCase)
                ? "The Content-Type header cannot be parsed; send 'application/json; charset=utf-8'."
                : null;
        }

        if (!IsJson(parsed) || !parsed.Charset.HasValue)
        {
            return null;
        }

        string charset = parsed.Charset.Value!.Trim('"');
        try
        {
            _ = Encoding.GetEncoding(charset);
            return null;
        }
        catch (ArgumentException)
        {
            return $"The charset '{Shorten(charset)}' is not a known encoding; send JSON as UTF-8.";
        }
    }

    private static bool IsJson(MediaTypeHeaderValue type) =>
        type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)
        || type.MediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase);

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "...";
}
