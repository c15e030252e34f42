using System.Globalization;
using DigitForge.Api.Http;
using DigitForge.Application.Common;
using DigitForge.Application.Tracking.Metrics.GetMetricHistory;
using DigitForge.Application.Tracking.Runs;
using DigitForge.Application.Tracking.Runs.CreateRun;
using DigitForge.Application.Tracking.Runs.DeleteRun;
using DigitForge.Application.Tracking.Runs.GetRun;
using DigitForge.Application.Tracking.Runs.LogBatch;
using DigitForge.Application.Tracking.Runs.RestoreRun;
using DigitForge.Application.Tracking.Runs.SearchRuns;
using DigitForge.Application.Tracking.Runs.UpdateRun;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DigitForge.Api.Endpoints;

/// <summary><c>/api/runs</c>: create, update, search runs; log params, metrics and tags in batches; read metric histories.</summary>
public static class RunApi
{
    public static IEndpointRouteBuilder MapRunApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/runs").WithTags("Runs");
        group.MapPost("/", Create)
             .WithName("CreateRun")
             .WithSummary("Start a run (RUNNING, or QUEUED) in an experiment given by id or by name")
             .WithDescription("experimentName creates the experiment when it does not exist yet, so a script can log with one call.")
             .ProducesValidationProblem()
             .ProducesProblem(StatusCodes.Status404NotFound)
             .RequiresWriteKey();
        group.MapGet("/", Search)
             .WithName("SearchRuns")
             .WithSummary("Search runs: filter, order by any metric/param/tag/attribute, paging")
             .WithDescription("filter: comparisons joined by 'and', e.g. metrics.acc > 0.9 and params.model = 'cnn' and attributes.status = 'FINISHED'. " +
                              "orderBy (repeatable): e.g. 'metrics.acc DESC'. Pass nextPageToken back as pageToken for the next page.")
             .ProducesValidationProblem()
             .IsTrackingRead();
        group.MapPost("/search", SearchPost)
             .WithName("SearchRunsPost")
             .WithSummary("Search runs with a JSON body (same fields as GET /api/runs)")
             .ProducesValidationProblem()
             .IsTrackingRead();
        group.MapGet("/{runId}", Get)
             .WithName("GetRun")
             .WithSummary("One run with tags, params and the latest value, min, max and count of every metric")
             .ProducesProblem(StatusCodes.Status404NotFound)
             .IsTrackingRead();
        group.MapPatch("/{runId}", Update)
             .WithName("UpdateRun")
             .WithSummary("Set status (QUEUED → RUNNING → FINISHED | FAILED | CANCELLED), end time, name, notes or tags (null deletes a tag)")
             .ProducesValidationProblem()
             .ProducesProblem(StatusCodes.Status404NotFound)
             .ProducesProblem(StatusCodes.Status409Conflict)
             .RequiresWriteKey();
        group.MapDelete("/{runId}", Delete)
             .WithName("DeleteRun")
             .WithSummary("Soft-delete a run: hidden from searches (view=deleted shows it) and closed to logging until restored")
             .ProducesProblem(StatusCodes.Status404NotFound)
             .RequiresWriteKey();
        group.MapPost("/{runId}/restore", Restore)
             .WithName("RestoreRun")
             .WithSummary("Undo a soft delete")
             .ProducesProblem(StatusCodes.Status404NotFound)
             .RequiresWriteKey();
        group.MapPost("/{runId}/log-batch", LogBatch)
             .WithName("LogBatch")
             .WithSummary("Log metrics, params and tags in one atomic batch")
             .WithDescription("At most 1,000 metrics, 100 params and 100 tags per batch (configurable; 400 beyond). Params are write-once: " +
                              "the same value again is fine, another value is 409. An ended run accepts nothing (409). A refused batch stores nothing.")
             .ProducesValidationProblem()
             .ProducesProblem(StatusCodes.Status404NotFound)
             .ProducesProblem(StatusCodes.Status409Conflict)
             .RequiresWriteKey();
        group.MapGet("/{runId}/metrics/history", History)
             .WithName("GetMetricHistory")
             .WithSummary("The full series of one metric (?key=), ordered by step; ?maxPoints=N downsamples (LTTB) for charts")
             .ProducesValidationProblem()
             .ProducesProblem(StatusCodes.Status404NotFound)
             .IsTrackingRead();
        return app;
    }

    internal static async Task<Created<RunDto>> Create(CreateRunRequest request, ISender sender, CancellationToken cancellationToken)
    {
        var run = await sender.Send(request, cancellationToken);
        return TypedResults.Created($"/api/runs/{run.Id}", run);
    }

    /// <param name="experimentId">Experiment ids (repeatable); all experiments when omitted.</param>
    /// <param name="filter">Filter expression.</param>
    /// <param name="orderBy">Order terms (repeatable).</param>
    /// <param name="maxResults">Page size (default 100).</param>
    /// <param name="pageToken">nextPageToken of the previous page.</param>
    /// <param name="view">active (default), deleted or all.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Ok<SearchRunsResult>> Search(
        string[]? experimentId,
        string? filter,
        string[]? orderBy,
        string? maxResults,
        string? pageToken,
        string? view,
        ISender sender,
        CancellationToken cancellationToken)
    {
        var request = new SearchRunsRequest(
            ParseIds(experimentId),
            filter,
            orderBy?.Where(o => !string.IsNullOrWhiteSpace(o)).ToArray(),
            ParseOptionalInt("maxResults", maxResults),
            pageToken,
            view);
        return TypedResults.Ok(await sender.Send(request, cancellationToken));
    }

    internal static async Task<Ok<SearchRunsResult>> SearchPost(SearchRunsRequest request, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(request, cancellationToken));

    internal static async Task<Ok<RunDto>> Get(string runId, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetRunRequest(runId), cancellationToken));

    internal static async Task<Ok<RunDto>> Update(string runId, UpdateRunRequest request, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RunUpdateRequest(runId, request), cancellationToken));

    internal static async Task<Ok<RunDto>> Delete(string runId, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new DeleteRunRequest(runId), cancellationToken));

    internal static async Task<Ok<RunDto>> Restore(string runId, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RestoreRunRequest(runId), cancellationToken));

    internal static async Task<Ok<LogBatchResult>> LogBatch(string runId, LogBatchRequest request, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RunLogBatchRequest(runId, request), cancellationToken));

    internal static async Task<Ok<MetricHistoryDto>> History(string runId, string? key, string? maxPoints, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetMetricHistoryRequest(runId, key, ParseOptionalInt("maxPoints", maxPoints)), cancellationToken));

    private static long[] ParseIds(string[]? values)
    {
        var ids = new List<long>();
        foreach (string value in (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            ids.Add(long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long id)
                ? id
                : throw new RequestValidationException("experimentId", $"Expected an experiment id (a number), got '{value}'."));
        }

        return [.. ids];
    }

    internal static int? ParseOptionalInt(string field, string? value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n) ? n
        : throw new RequestValidationException(field, $"Expected an integer, got '{value}'.");
}
