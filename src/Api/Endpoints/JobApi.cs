using System.Text.Json;
using DigitForge.Api.Http;
using DigitForge.Application.Common;
using DigitForge.Application.Experiments.GetKind;
using DigitForge.Application.Experiments.GetSummary;
using DigitForge.Application.Experiments.ListKinds;
using DigitForge.Application.Experiments.Summaries;
using DigitForge.Application.Jobs;
using DigitForge.Application.Jobs.CancelJob;
using DigitForge.Application.Jobs.GetJob;
using DigitForge.Application.Jobs.ListJobs;
using DigitForge.Application.Jobs.SubmitJob;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DigitForge.Api.Endpoints;

/// <summary>
/// Launching kinds as tracked jobs. A kind is a launchable recipe (<c>classifier</c>, <c>sweep</c>, ...); an
/// experiment is the tracking group its runs go in (MLflow's sense, <c>/api/experiments/{id}</c>).
/// <c>GET /api/kinds</c> (kinds with their parameter schemas), <c>POST /api/kinds/{kind}/runs</c> (launch), and
/// <c>/api/jobs</c> (status, cancel). A job's id is its run's id. The routes under <c>/api/experiments</c> that
/// launched and listed kinds before they had their own name stay as aliases, so existing scripts keep working.
/// </summary>
public static class JobApi
{
    public static IEndpointRouteBuilder MapJobApi(this IEndpointRouteBuilder app)
    {
        MapKinds(app.MapGroup("/api/kinds").WithTags("Kinds"), alias: false);
        // Aliases (contracts from before kinds had their own route): same handlers, same answers.
        MapKinds(app.MapGroup("/api/experiments").WithTags("Kinds"), alias: true);

        var jobs = app.MapGroup("/api/jobs").WithTags("Jobs");
        jobs.MapGet("/", List)
            .WithName("ListJobs")
            .WithSummary("Jobs newest first; ?status=QUEUED|RUNNING|FINISHED|FAILED|CANCELLED, ?limit= (1..1000, default 100)")
            .ProducesValidationProblem()
            .IsTrackingRead();
        jobs.MapGet("/{id}", Get)
            .WithName("GetJob")
            .WithSummary("One job: status, worker, heartbeat, error")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .IsTrackingRead();
        jobs.MapGet("/{id}/summary", Summary)
            .WithName("GetJobSummary")
            .WithSummary("The job's result summary as its kind wrote it: headline figures, tables, image and curve references (the same for every kind)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .IsTrackingRead();
        jobs.MapPost("/{id}/cancel", Cancel)
            .WithName("CancelJob")
            .WithSummary("Cancel a job: a queued one ends at once, a running one stops within about a second; its runs end CANCELLED")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequiresWriteKey();
        return app;
    }

    /// <summary>
    /// The kinds' routes on <paramref name="group"/>: <c>/api/kinds</c>, <c>/api/kinds/{kind}</c>,
    /// <c>/api/kinds/{kind}/runs</c>; as <paramref name="alias"/> the old <c>/api/experiments/kinds</c>,
    /// <c>/api/experiments/kinds/{kind}</c> and <c>/api/experiments/{kind}/runs</c> under their old operation names.
    /// </summary>
    private static void MapKinds(RouteGroupBuilder group, bool alias)
    {
        string list = alias ? "/kinds" : "/";
        string one = alias ? "/kinds/{kind}" : "/{kind}";
        string aliasNote = alias ? " (alias of the same route under /api/kinds, kept for existing clients)" : string.Empty;
        group.MapGet(list, ListKinds)
             .WithName(alias ? "ListJobKinds" : "ListKinds")
             .WithSummary("Launchable kinds (recipes) with their parameter schemas (types, defaults, bounds, choices)" + aliasNote)
             .IsTrackingRead();
        group.MapGet(one, GetKind)
             .WithName(alias ? "GetJobKind" : "GetKind")
             .WithSummary("One kind and its parameter schema" + aliasNote)
             .ProducesProblem(StatusCodes.Status404NotFound)
             .IsTrackingRead();
        group.MapPost("/{kind}/runs", Launch)
             .WithName(alias ? "LaunchExperiment" : "LaunchKind")
             .WithSummary("Queue a run of a kind: {\"parameters\": {...}, \"experimentName\": ..., \"name\": ...}; 202 with the job (its id is the run id)" + aliasNote)
             .WithDescription("Parameters are checked against the kind's schema and rules: a bad one is a 400 naming parameters.<name>. Missing ones take their defaults; an empty body launches the defaults. " +
                              "experimentName is the tracking experiment the run goes in. A job that cannot succeed here is refused: a dataset over a missing source split (400), missing source data or training engine (503), device=cuda without CUDA (400).")
             .ProducesValidationProblem()
             .ProducesProblem(StatusCodes.Status404NotFound)
             .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
             .RequiresWriteKey();
    }

    internal static async Task<Ok<IReadOnlyList<JobKindInfo>>> ListKinds(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListJobKindsRequest(), cancellationToken));

    internal static async Task<Ok<JobKindInfo>> GetKind(string kind, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetJobKindRequest(kind), cancellationToken));

    internal static async Task<Accepted<JobDto>> Launch(
        string kind, [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] LaunchBody? body,
        ISender sender, CancellationToken cancellationToken)
    {
        var job = await sender.Send(new SubmitJobRequest(kind, body?.Parameters, body?.ExperimentName, body?.Name), cancellationToken);
        return TypedResults.Accepted($"/api/jobs/{job.Id}", job);
    }

    internal static async Task<Ok<IReadOnlyList<JobDto>>> List(string? status, int? limit, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListJobsRequest(status, limit), cancellationToken));

    internal static async Task<Ok<JobDto>> Get(string id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetJobRequest(id), cancellationToken));

    internal static async Task<Ok<ExperimentSummary>> Summary(string id, ISender sender, CancellationToken cancellationToken) =>
        // A blank id names no job (the handler refuses it as a programming error, which was a 500).
        TypedResults.Ok(await sender.Send(new GetExperimentSummaryRequest(string.IsNullOrWhiteSpace(id) ? throw new NotFoundException("No job has a blank id.") : id), cancellationToken));

    internal static async Task<Ok<JobDto>> Cancel(string id, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new CancelJobRequest(id), cancellationToken));
}

/// <summary>The body of <c>POST /api/kinds/{kind}/runs</c> (and its alias); every member optional; <c>experimentName</c> is the tracking experiment.</summary>
public sealed record LaunchBody(JsonElement? Parameters = null, string? ExperimentName = null, string? Name = null);
