using System.Globalization;
using DigitForge.Application.Common;
using DigitForge.Application.Tracking;
using DigitForge.Application.Tracking.Images;
using DigitForge.Application.Tracking.Images.GetImage;
using DigitForge.Application.Tracking.Images.ListImages;
using DigitForge.Application.Tracking.Images.LogImage;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DigitForge.Api.Endpoints;

/// <summary><c>/api/runs/{runId}/images</c>: PNGs logged per key and step (sample grids per epoch).</summary>
public static class RunImageApi
{
    public static IEndpointRouteBuilder MapRunImageApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/runs/{runId}/images").WithTags("Images");
        group.MapPost("/", Log)
             .WithName("LogImage")
             .WithSummary("Log a PNG (request body, Content-Type image/png) under ?key= at ?step= with an optional ?caption=")
             .UploadsRunFile("image/png");
        group.MapGet("/", List)
             .WithName("ListImages")
             .WithSummary("The run's images (optionally one ?key=), by key then step, without bytes")
             .ListsRunFiles();
        group.MapGet("/{imageId:long}", Get)
             .WithName("GetImage")
             .WithSummary("The PNG bytes of one image")
             .DownloadsRunFile("image/png");
        return app;
    }

    internal static async Task<Created<RunImageDto>> Log(
        string runId,
        string? key,
        string? step,
        string? caption,
        HttpRequest request,
        ISender sender,
        IOptions<TrackingOptions> options,
        CancellationToken cancellationToken)
    {
        long? parsedStep = string.IsNullOrWhiteSpace(step) ? null
            : long.TryParse(step, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long s) ? s
            : throw new RequestValidationException("step", $"Expected an integer, got '{step}'.");
        byte[] png = await ReadBodyAsync(request, options.Value.MaxImageBytes, cancellationToken);
        var image = await sender.Send(new RunLogImageRequest(runId, new LogImageRequest(key, parsedStep, caption, png)), cancellationToken);
        return TypedResults.Created($"/api/runs/{runId}/images/{image.Id}", image);
    }

    internal static async Task<Ok<IReadOnlyList<RunImageDto>>> List(string runId, string? key, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListImagesRequest(runId, key), cancellationToken));

    internal static async Task<FileContentHttpResult> Get(string runId, long imageId, ISender sender, HttpContext context, CancellationToken cancellationToken)
    {
        byte[] png = await sender.Send(new GetImageRequest(runId, imageId), cancellationToken);
        // Logged images never change: let browsers keep them while the step slider moves back and forth.
        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return TypedResults.File(png, "image/png");
    }

    /// <summary>Reads at most <paramref name="max"/> bytes; one more means the body is too large (413, nothing stored).</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        if (request.ContentLength > max)
        {
            throw new PayloadTooLargeException($"Images are limited to {max:N0} bytes (got {request.ContentLength:N0}).");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                throw new PayloadTooLargeException($"Images are limited to {max:N0} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
