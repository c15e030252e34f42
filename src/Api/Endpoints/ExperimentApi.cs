using DigitForge.Api.Http;
using DigitForge.Application.Tracking.Experiments;
using DigitForge.Application.Tracking.Experiments.CreateExperiment;
using DigitForge.Application.Tracking.Experiments.DeleteExperiment;
using DigitForge.Application.Tracking.Experiments.RestoreExperiment;
using DigitForge.Application.Tracking.Experiments.GetExperiment;
using DigitForge.Application.Tracking.Experiments.ListExperiments;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DigitForge.Api.Endpoints;

/// <summary><c>/api/experiments</c>: named groups of runs.</summary>
public static class ExperimentApi
{
    public static IEndpointRouteBuilder MapExperimentApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/experiments").WithTags("Experiments");
        group.MapGet("/", List)
             .WithName("ListExperiments")
             .WithSummary("Experiments, newest first, with tags and run counts; ?name= finds one by exact name; ?includeDeleted=true lists soft-deleted ones too")
             .IsTrackingRead();
        group.MapPost("/", Create)
             .WithName("CreateExperiment")
             .WithSummary("Create an experiment (name unique: 409 when taken)")
             .ProducesValidationProblem()
             .ProducesProblem(StatusCodes.Status409Conflict)
             .RequiresWriteKey();
        group.MapDelete("/{id:long}", Delete)
             .WithName("DeleteExperiment")
             .WithSummary("Soft-delete an experiment: it and its runs are hidden until restored; nothing is erased")
             .ProducesProblem(StatusCodes.Status404NotFound)
             .RequiresWriteKey();
        group.MapPost("/{id:long}/restore", Restore)
             .WithName("RestoreExperiment")
             .WithSummary("Undo a soft delete")
             .ProducesProblem(StatusCodes.Status404NotFound)
             .RequiresWriteKey();
        group.MapGet("/{id:long}", Get)
             .WithName("GetExperiment")
             .WithSummary("One experiment")
             .ProducesProblem(StatusCodes.Status404NotFound)
             .IsTrackingRead();
        return app;
    }

    internal static async Task<Ok<IReadOnlyList<ExperimentDto>>> List(string? name, string? includeDeleted, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListExperimentsRequest(name, string.Equals(includeDeleted, "true", StringComparison.OrdinalIgnoreCase)), cancellationToken));

    internal static async Task<Ok<ExperimentDto>> Delete(long id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new DeleteExperimentRequest(id), cancellationToken));

    internal static async Task<Ok<ExperimentDto>> Restore(long id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RestoreExperimentRequest(id), cancellationToken));

    internal static async Task<Created<ExperimentDto>> Create(CreateExperimentRequest request, ISender sender, CancellationToken cancellationToken)
    {
        var experiment = await sender.Send(request, cancellationToken);
        return TypedResults.Created($"/api/experiments/{experiment.Id}", experiment);
    }

    internal static async Task<Ok<ExperimentDto>> Get(long id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetExperimentRequest(id), cancellationToken));
}
