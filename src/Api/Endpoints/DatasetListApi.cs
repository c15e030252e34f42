using DigitForge.Application.Datasets.ListDatasets;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DigitForge.Api.Endpoints;

/// <summary><c>GET /api/datasets</c>: the stored datasets (newest first), by generator or id prefix.</summary>
public static class DatasetListApi
{
    public static IEndpointRouteBuilder MapDatasetListApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/datasets", List)
           .WithName("ListDatasets")
           .WithTags("Datasets")
           .WithSummary("Stored datasets, newest first: id, generator, version, seed and rows per split")
           .WithDescription("generator= keeps one generator's datasets; id= keeps ids starting with a prefix (a short id); limit= caps the list (default 200).");
        return app;
    }

    internal static async Task<Ok<IReadOnlyList<DatasetSummary>>> List(string? generator, string? id, int? limit, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListDatasetsRequest(generator, id, limit ?? 200), cancellationToken));
}
