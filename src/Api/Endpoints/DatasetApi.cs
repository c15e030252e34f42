using System.Text.Json;
using DigitForge.Api.Http;
using DigitForge.Application.Common.Parameters;
using DigitForge.Application.Datasets;
using DigitForge.Application.Datasets.CreateDataset;
using DigitForge.Application.Datasets.DownloadDataset;
using DigitForge.Application.Datasets.GetDataset;
using DigitForge.Application.Datasets.GetRows;
using DigitForge.Application.Datasets.ListGenerators;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace DigitForge.Api.Endpoints;

/// <summary>
/// <c>/api/datasets</c> and <c>/api/generators</c>: datasets as content-addressed specs, their bundles (NPZ/NPY with
/// Content-Length and Range, ImageFolder zip), a Hugging Face style rows API and row images.
/// </summary>
public static class DatasetApi
{
    private const string ExampleSpec = "{\"generator\": \"mnist1d\", \"parameters\": {\"mode\": \"keyed\"}, \"seed\": 1, \"splits\": {\"train\": 4000, \"test\": 1000}}";

    public static IEndpointRouteBuilder MapDatasetApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/generators", ListGenerators)
           .WithName("ListGenerators")
           .WithTags("Datasets")
           .WithSummary("Registered dataset generators with their parameters, defaults, ranges and splits");

        var group = app.MapGroup("/api/datasets").WithTags("Datasets");
        group.MapPost("/", CreateDataset)
             .WithName("CreateDataset")
             .WithSummary("Validate and store a dataset spec; returns its content id and metadata")
             .WithDescription($"Body: a spec such as {ExampleSpec}. Omitted fields take the generator's defaults. The id is the SHA-256 " +
                              "of the canonical spec, so posting the same dataset twice gives the same id.")
             .Accepts<JsonElement>("application/json")
             .Produces<DatasetResponse>(StatusCodes.Status201Created)
             .ProducesValidationProblem()
             .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
             .RequiresWriteKey();
        group.MapDeleteDataset();
        group.MapGet("/{id}", GetDataset)
             .WithName("GetDataset")
             .WithSummary("A stored dataset: canonical spec, splits, arrays and downloadable files with sizes")
             .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/download", Download)
             .WithName("DownloadDataset")
             .WithSummary("Stream a bundle: npz (all arrays), npy (split + array) or zip (PNGs in split/label folders)")
             .WithDescription("npz and npy have a Content-Length and honour Range (206), so interrupted downloads resume with " +
                              "identical bytes; the ETag is the content id plus the format. Generation stops when the client disconnects.")
             .Produces(StatusCodes.Status200OK, contentType: "application/zip")
             .Produces(StatusCodes.Status206PartialContent)
             .Produces(StatusCodes.Status304NotModified)
             .ProducesValidationProblem()
             .ProducesProblem(StatusCodes.Status404NotFound)
             .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("/{id}/rows", GetRows)
             .WithName("GetDatasetRows")
             .WithSummary("A page of rows (length at most 100) in the style of the Hugging Face dataset viewer")
             .WithDescription("Only the rows asked for are generated, so any offset is as fast as the first. Image rows link to their PNG.")
             .ProducesValidationProblem()
             .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/rows/{split}/{index:int}.png", GetRowImage)
             .WithName("GetDatasetRowImage")
             .WithSummary("One row's image as an 8-bit gray PNG")
             .Produces(StatusCodes.Status200OK, contentType: "image/png")
             .ProducesValidationProblem()
             .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    internal static async Task<Ok<IReadOnlyList<GeneratorInfo>>> ListGenerators(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListGeneratorsRequest(), cancellationToken));

    internal static async Task<Created<DatasetResponse>> CreateDataset(JsonElement? spec, ISender sender, CancellationToken cancellationToken)
    {
        // Nullable: the framework binds a JSON null body to a non-nullable struct with a NullReferenceException (500);
        // an absent spec is then the resolver's 400 ("a dataset spec is a JSON object").
        var info = await sender.Send(new CreateDatasetRequest(spec ?? default), cancellationToken);
        return TypedResults.Created(DatasetUrls.Dataset(info.Id), DatasetResponse.From(info));
    }

    internal static async Task<Ok<DatasetResponse>> GetDataset(string id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(DatasetResponse.From(await sender.Send(new GetDatasetRequest(id), cancellationToken)));

    /// <param name="id">Dataset content id.</param>
    /// <param name="format">npz (default), npy or zip.</param>
    /// <param name="split">npy only: the split.</param>
    /// <param name="array">npy only: the array (default: the first, x).</param>
    /// <param name="sender">The mediator: the use case checks the request, answers a held ETag, takes a stream slot.</param>
    /// <param name="context">For conditional requests and disposal at the end of the response.</param>
    internal static async Task<IResult> Download(
        string id,
        string? format,
        string? split,
        string? array,
        ISender sender,
        HttpContext context)
    {
        var aborted = context.RequestAborted;
        // Revalidations are answered before a stream slot is taken or the dataset opened.
        var result = await sender.Send(
            new DownloadDatasetRequest(id, new BundleRequest(BundleRequest.ParseFormat(format), split, array))
            {
                ClientHolds = tag => ContentCaching.ClientHolds(context, new EntityTagHeaderValue(tag)),
            },
            aborted);
        var etag = new EntityTagHeaderValue(result.EntityTag);
        context.Response.Headers.CacheControl = ContentCaching.Immutable;
        if (result.Download is not { } download)
        {
            context.Response.Headers.ETag = etag.ToString();
            return ContentCaching.NotModified();
        }

        context.Response.RegisterForDispose(download);
        var bundle = download.Bundle;
        if (bundle.Length is not null)
        {
            // Range, If-Range and Content-Length are handled by the stream result; the stream generates what is read.
            return TypedResults.Stream(download.OpenRead(aborted), bundle.ContentType, bundle.FileName, entityTag: etag, enableRangeProcessing: true);
        }

        context.Response.Headers.ETag = etag.ToString();
        return TypedResults.Stream(body => download.WriteToAsync(body, aborted), bundle.ContentType, bundle.FileName);
    }

    /// <param name="id">Dataset content id.</param>
    /// <param name="split">Split (default: the first).</param>
    /// <param name="offset">First row (default 0).</param>
    /// <param name="length">Rows, 1 to 100 (default 100).</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Ok<RowsResponse>> GetRows(string id, string? split, string? offset, string? length, ISender sender, CancellationToken cancellationToken)
    {
        int first = ParameterText.OptionalInt32("offset", offset) ?? 0;
        int count = ParameterText.OptionalInt32("length", length) ?? 100;
        return TypedResults.Ok(RowsResponse.From(await sender.Send(new GetRowsRequest(id, split, first, count), cancellationToken)));
    }

    internal static async Task<FileContentHttpResult> GetRowImage(string id, string split, int index, ISender sender, HttpContext context)
    {
        var image = await sender.Send(new GetRowImageRequest(id, split, index), context.RequestAborted);
        context.Response.Headers.CacheControl = ContentCaching.Immutable;
        return TypedResults.File(image.Png, "image/png", entityTag: new EntityTagHeaderValue($"\"{image.DatasetId}.{split}.{index}.png\""));
    }
}
