using DigitForge.Api.Http;
using DigitForge.Application.Datasets.DeleteDataset;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DigitForge.Api.Endpoints;

/// <summary><c>DELETE /api/datasets/{id}</c>: frees a place in the dataset quota (issue 21, finding 7); a write.</summary>
internal static class DatasetDeleteApi
{
    public static RouteGroupBuilder MapDeleteDataset(this RouteGroupBuilder group)
    {
        group.MapDelete("/{id}", Delete)
             .WithName("DeleteDataset")
             .WithSummary("Delete a stored dataset spec (posting the spec again recreates the same id)")
             .Produces(StatusCodes.Status204NoContent)
             .ProducesProblem(StatusCodes.Status404NotFound)
             .RequiresWriteKey();
        return group;
    }

    internal static async Task<NoContent> Delete(string id, ISender sender, CancellationToken cancellationToken)
    {
        await sender.Send(new DeleteDatasetRequest(id), cancellationToken);
        return TypedResults.NoContent();
    }
}
