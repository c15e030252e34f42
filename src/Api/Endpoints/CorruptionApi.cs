using DigitForge.Application.Common;
using DigitForge.Application.Common.Parameters;
using DigitForge.Application.Corruptions.GetCompositions;
using DigitForge.Application.Corruptions.ListCorruptions;
using DigitForge.Application.Corruptions.PreviewCorruption;
using Mediator;
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

    internal static async Task<Ok<IReadOnlyList<CorruptionInfo>>> List(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListCorruptionsRequest(), cancellationToken));

    /// <param name="name">Corruption or composition, e.g. swirl or invert-swirl.</param>
    /// <param name="severity">0 = clean image, 1..max; default the corruption's default.</param>
    /// <param name="source">mnist (default), fashion-mnist, emnist-balanced or cifar10.</param>
    /// <param name="index">Test image index (default 0).</param>
    /// <param name="seed">Seed of random corruptions (default 0).</param>
    /// <param name="sender">The mediator: the use case checks, corrupts and encodes.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<FileContentHttpResult> Preview(
        string name,
        string? severity,
        string? source,
        string? index,
        string? seed,
        ISender sender,
        CancellationToken cancellationToken)
    {
        var request = new PreviewCorruptionRequest(
            name,
            ParameterText.OptionalInt32("severity", severity),
            string.IsNullOrWhiteSpace(source) ? "mnist" : source.Trim().ToLowerInvariant(),
            ParameterText.OptionalInt32("index", index) ?? 0,
            ParameterText.OptionalUInt64("seed", seed) ?? 0);
        var preview = await sender.Send(request, cancellationToken);
        return TypedResults.File(preview.Png, "image/png");
    }

    /// <param name="seed">Sampler seed (default 2778, the reference's number).</param>
    /// <param name="sampler">keyed (default: ours) or python (the reference's procedure with CPython's sampler).</param>
    /// <param name="format">json (default) or text.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<Ok<CompositionListInfo>, ContentHttpResult>> GetDefault(string? seed, string? sampler, string? format, ISender sender, CancellationToken cancellationToken)
    {
        var chosen = GetCompositionsHandler.ParseSampler(sampler) ?? throw new RequestValidationException("sampler", $"Unknown sampler '{sampler}'. Use keyed or python.");
        bool text = (format?.Trim().ToLowerInvariant()) switch
        {
            null or "" or "json" => false,
            "text" => true,
            _ => throw new RequestValidationException("format", $"Unknown format '{format}'. Use json or text."),
        };
        var list = await sender.Send(new GetDefaultCompositionsRequest(ParameterText.OptionalUInt64("seed", seed) ?? Domain.Corruptions.Compositions.DefaultCompositions.Seed, chosen), cancellationToken);
        return text ? TypedResults.Text(list.Text, "text/plain; charset=utf-8") : TypedResults.Ok(list);
    }

    internal static async Task<CompositionListInfo> Parse(ParseCompositionsBody body, ISender sender, CancellationToken cancellationToken)
    {
        if (body?.Compositions is not { } text)
        {
            throw new RequestValidationException("compositions", "Give the list as {\"compositions\": \"invert-swirl\\nswirl-invert\"}.");
        }

        return await sender.Send(new ParseCompositionsRequest(text), cancellationToken);
    }
}

/// <summary>Body of <c>POST /api/compositions/parse</c>.</summary>
/// <param name="Compositions">The list: one composition per line (or comma separated); 'default' expands to the 167.</param>
public sealed record ParseCompositionsBody(string? Compositions);
