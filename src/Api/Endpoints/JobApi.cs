using System.Text.Json;
using DigitForge.Api.Http;
using DigitForge.Application.Common;
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
/// Experiments as tracked jobs: <c>GET /api/experiments/kinds</c> (kinds with their parameter schemas),
/// <c>POST /api/experiments/{kind}/runs</c> (launch), and <c>/api/jobs</c> (status, cancel). A job's id is its run's id.
/// </summary>
public static class JobApi
{
    public static IEndpointRouteBuilder MapJobApi(this IEndpointRouteBuilder app)
    {
        var experiments = app.MapGroup("/api/experiments").WithTags("Experiment jobs");
        experiments.MapGet("/kinds", ListKinds)
             .WithName("ListExperimentKinds")
             .WithSummary("Launchable experiment kinds with their parameter schemas (types, defaults, bounds, choices)")
             .IsTrackingRead();
        experiments.MapGet("/kinds/{kind}", GetKind)
             .WithName("GetExperimentKind")
             .WithSummary("One experiment kind and its parameter schema")
             .ProducesProblem(StatusCodes.Status404NotFound)
             .IsTrackingRead();
        experiments.MapPost("/{kind}/runs", Launch)
             .WithName("LaunchExperiment")
             .WithSummary("Queue an experiment: {\"parameters\": {...}, \"experimentName\": ..., \"name\": ...}; 202 with the job (its id is the run id)")
             .WithDescription("Parameters are checked against the kind's schema and rules: a bad one is a 400 naming parameters.<name>. Missing ones take their defaults; an empty body launches the defaults. A job that cannot succeed here is refused: a dataset over a missing source split (400), missing source data or training engine (503), device=cuda without CUDA (400).")
             .ProducesValidationProblem()
             .ProducesProblem(StatusCodes.Status404NotFound)
             .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
             .RequiresWriteKey();

        var jobs = app.MapGroup("/api/jobs").WithTags("Experiment jobs");
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

    internal static async Task<Ok<IReadOnlyList<ExperimentKindInfo>>> ListKinds(ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListExperimentKindsRequest(), cancellationToken));

    internal static Ok<ExperimentKindInfo> GetKind(string kind, Application.Experiments.ExperimentKindRegistry registry) =>
        TypedResults.Ok(ListExperimentKindsHandler.Describe(registry.Get(kind)));

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

/// <summary>The body of <c>POST /api/experiments/{kind}/runs</c>; every member optional.</summary>
public sealed record LaunchBody(JsonElement? Parameters = null, string? ExperimentName = null, string? Name = null);
