using System.Globalization;
using DigitForge.Application.Common;
using DigitForge.Application.Corruptions.GetCompositions;
using DigitForge.Application.Corruptions.ListCorruptions;
using DigitForge.Application.Corruptions.PreviewCorruption;
using DigitForge.Infrastructure.Encoding;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DigitForge.Api.Endpoints;

/// <summary>
/// <c>/api/corruptions</c> (the registered corruptions and PNG previews for the gallery) and <c>/api/compositions</c>
/// (the default list of 167 compositions, and checking a list before pinning it in a dataset spec).
/// </summary>
public static class CorruptionApi
{
    public static IEndpointRouteBuilder MapCorruptionApi(this IEndpointRouteBuilder app)
    {
        var corruptions = app.MapGroup("/api/corruptions").WithTags("Corruptions");
        corruptions.MapGet("/", List)
                   .WithName("ListCorruptions")
                   .WithSummary("Every corruption with its severities; each is also a filter name:severity=N");
        corruptions.MapGet("/{name}/preview.png", Preview)
                   .WithName("PreviewCorruption")
                   .WithSummary("A source test image after a corruption (or composition such as invert-swirl) as PNG")
                   .WithDescription("severity 0 gives the clean image; no severity the default one. source: mnist, fashion-mnist, emnist-balanced, cifar10 (RGB).")
                   .Produces(StatusCodes.Status200OK, contentType: "image/png")
                   .ProducesValidationProblem()
                   .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        var compositions = app.MapGroup("/api/compositions").WithTags("Corruptions");
        compositions.MapGet("/default", GetDefault)
                    .WithName("GetDefaultCompositions")
                    .WithSummary("The default 167 compositions (JSON, or format=text for the compositions parameter)")
                    .Produces<CompositionListInfo>()
                    .Produces(StatusCodes.Status200OK, contentType: "text/plain")
                    .ProducesValidationProblem();
        compositions.MapPost("/parse", Parse)
                     .WithName("ParseCompositions")
                     .WithSummary("Checks and expands an uploaded list of compositions (one per line or comma separated)")
                     .ProducesValidationProblem();
        return app;
    }

    internal static IReadOnlyList<CorruptionInfo> List(ListCorruptionsHandler handler) => handler.Handle();

    /// <param name="name">Corruption or composition, e.g. swirl or invert-swirl.</param>
    /// <param name="severity">0 = clean image, 1..max; default the corruption's default.</param>
    /// <param name="source">mnist (default), fashion-mnist, emnist-balanced or cifar10.</param>
    /// <param name="index">Test image index (default 0).</param>
    /// <param name="seed">Seed of random corruptions (default 0).</param>
    /// <param name="handler">The use case.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<FileContentHttpResult> Preview(
        string name,
        string? severity,
        string? source,
        string? index,
        string? seed,
        PreviewCorruptionHandler handler,
        CancellationToken cancellationToken)
    {
        var request = new PreviewCorruptionRequest(
            name,
            severity is null or "" ? null : ParseInt("severity", severity),
            string.IsNullOrWhiteSpace(source) ? "mnist" : source.Trim().ToLowerInvariant(),
            index is null or "" ? 0 : ParseInt("index", index),
            seed is null or "" ? 0 : ParseSeed(seed));
        var preview = await handler.HandleAsync(request, cancellationToken);
        byte[] png = preview.Channels == 3
            ? PngEncoder.EncodeRgb8(preview.Pixels, preview.Width, preview.Height)
            : PngEncoder.EncodeGray8(preview.Pixels, preview.Width, preview.Height);
        return TypedResults.File(png, "image/png");
    }

    /// <param name="seed">Sampler seed (default 2778, the reference's number).</param>
    /// <param name="sampler">keyed (default: ours) or python (the reference's procedure with CPython's sampler).</param>
    /// <param name="format">json (default) or text.</param>
    /// <param name="handler">The use case.</param>
    internal static Results<Ok<CompositionListInfo>, ContentHttpResult> GetDefault(string? seed, string? sampler, string? format, GetCompositionsHandler handler)
    {
        var chosen = GetCompositionsHandler.ParseSampler(sampler) ?? throw new RequestValidationException("sampler", $"Unknown sampler '{sampler}'. Use keyed or python.");
        var list = handler.Default(seed is null or "" ? Domain.Corruptions.Compositions.DefaultCompositions.Seed : ParseSeed(seed), chosen);
        return (format?.Trim().ToLowerInvariant()) switch
        {
            null or "" or "json" => TypedResults.Ok(list),
            "text" => TypedResults.Text(list.Text, "text/plain; charset=utf-8"),
            _ => throw new RequestValidationException("format", $"Unknown format '{format}'. Use json or text."),
        };
    }

    internal static CompositionListInfo Parse(ParseCompositionsBody body, GetCompositionsHandler handler)
    {
        if (body?.Compositions is not { } text)
        {
            throw new RequestValidationException("compositions", "Give the list as {\"compositions\": \"invert-swirl\\nswirl-invert\"}.");
        }

        return handler.Parse(text);
    }

    private static int ParseInt(string field, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new RequestValidationException(field, $"Must be a whole number, got '{text}'.");

    private static ulong ParseSeed(string text) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value)
            ? value
            : throw new RequestValidationException("seed", $"Must be a whole number from 0 to {ulong.MaxValue}, got '{text}'.");
}

/// <summary>Body of <c>POST /api/compositions/parse</c>.</summary>
/// <param name="Compositions">The list: one composition per line (or comma separated); 'default' expands to the 167.</param>
public sealed record ParseCompositionsBody(string? Compositions);
