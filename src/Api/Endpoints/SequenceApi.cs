using DigitForge.Application.Common;
using DigitForge.Application.Sequences.GenerateSequence;
using DigitForge.Domain.Imaging;
using DigitForge.Infrastructure.Encoding;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace DigitForge.Api.Endpoints;

/// <summary><c>GET /sequence</c>: one image of a digit sequence made of real source digits.</summary>
public static class SequenceApi
{
    /// <summary>"public, max-age=31536000": formatted once by the header type rather than per request.</summary>
    private static readonly string SeededCacheControl =
        new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromDays(365) }.ToString();

    public static IEndpointRouteBuilder MapSequenceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sequence", GetSequence)
           .WithName("GetSequence")
           .WithTags("Sequences")
           .WithSummary("Render a digit sequence as PNG or NPY")
           .WithDescription("Each digit is a random real image of that label. Random mode spaces digits with random gaps and " +
                            "stretches the strip to the width; evenly mode splits the width into integer digit widths and gaps. " +
                            "With a seed the bytes are reproducible and cacheable (ETag).")
           .Produces(StatusCodes.Status200OK, contentType: "image/png")
           .Produces(StatusCodes.Status200OK, contentType: ImageFileEncoder.NpyContentType)
           .Produces(StatusCodes.Status304NotModified)
           .ProducesValidationProblem()
           .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <param name="query">The query string; every value is parsed by the use case so errors name the parameter.</param>
    /// <param name="handler">The use case.</param>
    /// <param name="context">For conditional requests and cache headers.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<EncodedImageResult, StatusCodeHttpResult>> GetSequence(
        [AsParameters] SequenceQuery query,
        GenerateSequenceHandler handler,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var format = ImageFileEncoder.ParseFormat(query.Format) ?? throw new RequestValidationException("format", $"Unknown format '{query.Format}'. Use png or npy.");
        var request = SequenceInputParser.Parse(query.Digits, query.Spacing, query.Width, ParseFlag("evenly", query.Evenly), query.Filters, query.Seed, query.Source);
        var spec = handler.Validate(request);

        string? etag = null;
        if (request.Seed is not null)
        {
            etag = $"\"{SequenceContentId.Compute(request, spec, format.ToString(), handler.SourceOriginId(request))}\"";
            context.Response.Headers.CacheControl = SeededCacheControl;
            context.Response.Headers.ETag = etag;
            if (context.Request.Headers.IfNoneMatch.Contains(etag))
            {
                return TypedResults.StatusCode(StatusCodes.Status304NotModified);
            }
        }
        else
        {
            context.Response.Headers.CacheControl = "no-store";
        }

        var result = await handler.HandleAsync(request, cancellationToken);
        return new EncodedImageResult(result.Image, format);
    }

    private static bool ParseFlag(string field, string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "false" or "0" or "no" => false,
        "true" or "1" or "yes" => true,
        _ => throw new RequestValidationException(field, $"Expected true or false, got '{value}'."),
    };
}

/// <summary>
/// A generated image written straight from a pooled buffer to the response body, with the headers a file result
/// sets (Content-Type, Content-Length): no array per request for the encoded bytes. Encodes when executed.
/// </summary>
internal sealed class EncodedImageResult : IResult
{
    internal EncodedImageResult(GrayImage image, ImageFileFormat format)
    {
        Image = image;
        Format = format;
    }

    public GrayImage Image { get; }

    public ImageFileFormat Format { get; }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        using var file = ImageFileEncoder.EncodePooled(Image, Format);
        var response = httpContext.Response;
        response.ContentType = file.ContentType;
        response.ContentLength = file.Content.Length;
        await response.Body.WriteAsync(file.Content);
    }
}

/// <summary>Query parameters of <c>GET /sequence</c>, kept as text so that bad values become 400s naming the field.</summary>
/// <param name="Digits">Digits left to right, e.g. 498127.</param>
/// <param name="Spacing">Gap range in pixels, "min,max" (default 0,0).</param>
/// <param name="Width">Image width in pixels (default n*28 + (n-1)*min).</param>
/// <param name="Evenly">true for evenly mode.</param>
/// <param name="Filters">Filter chain, e.g. blur or blur:sigma=2,distort:alpha=18.</param>
/// <param name="Seed">Unsigned integer seed for reproducible output.</param>
/// <param name="Format">png (default) or npy (float32, 28 x width).</param>
/// <param name="Source">Digit source, e.g. mnist (default) or fashion-mnist.</param>
public sealed record SequenceQuery(
    string? Digits,
    string? Spacing,
    string? Width,
    string? Evenly,
    string? Filters,
    string? Seed,
    string? Format,
    string? Source);
