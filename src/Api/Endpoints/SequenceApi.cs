using DigitForge.Api.Http;
using DigitForge.Application.Common;
using DigitForge.Application.Sequences.GenerateSequence;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DigitForge.Api.Endpoints;

/// <summary><c>GET /sequence</c>: one image of a digit sequence made of real source digits.</summary>
public static class SequenceApi
{
    public static IEndpointRouteBuilder MapSequenceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sequence", GetSequence)
           .WithName("GetSequence")
           .WithTags("Sequences")
           .WithSummary("Render a digit sequence as PNG or NPY")
           .WithDescription("Each digit is a random real image of that label. Random mode spaces digits with random gaps and " +
                            "stretches the strip to the width; evenly mode splits the width into integer digit widths and gaps. " +
                            "With a seed the bytes are reproducible and cacheable (ETag).")
           .Produces(StatusCodes.Status200OK, contentType: ImageFileFormats.PngContentType)
           .Produces(StatusCodes.Status200OK, contentType: ImageFileFormats.NpyContentType)
           .Produces(StatusCodes.Status304NotModified)
           .ProducesValidationProblem()
           .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <param name="query">The query string, bound as text so that a value of the wrong type is a 400 naming it.</param>
    /// <param name="sender">The mediator: the use case validates, answers a held ETag with "not modified", renders and encodes.</param>
    /// <param name="context">For conditional requests and cache headers.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<EncodedFileResult, StatusCodeHttpResult>> GetSequence(
        [AsParameters] SequenceQuery query,
        ISender sender,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var format = ImageFileFormats.Parse(query.Format) ?? throw new RequestValidationException("format", $"Unknown format '{query.Format}'. Use png or npy.");
        var request = SequenceInputParser.Parse(query.Digits, query.Spacing, query.Width, query.Evenly, query.Filters, query.Seed, query.Source) with
        {
            Format = format,
            ClientHolds = id => ContentCaching.ClientHolds(context, id),
        };

        var image = await sender.Send(request, cancellationToken);
        if (image.ContentId is { } contentId)
        {
            ContentCaching.SetHeaders(context, contentId, ContentCaching.Immutable);
        }
        else
        {
            context.Response.Headers.CacheControl = "no-store";
        }

        return image.File is { } file ? new EncodedFileResult(file) : ContentCaching.NotModified();
    }
}

/// <summary>
/// Encoded bytes written straight from their pooled buffer to the response body, with the headers a file result sets
/// (Content-Type, Content-Length): no array per request. Returns the buffer to the pool once written.
/// </summary>
internal sealed class EncodedFileResult(IEncodedFile file) : IResult
{
    public IEncodedFile File { get; } = file;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        using (File)
        {
            var response = httpContext.Response;
            response.ContentType = File.ContentType;
            response.ContentLength = File.Content.Length;
            await response.Body.WriteAsync(File.Content);
        }
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
