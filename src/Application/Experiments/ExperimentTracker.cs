using DigitForge.Application.Jobs;
using DigitForge.Application.Tracking.Artifacts.UploadArtifact;
using DigitForge.Application.Tracking.Images.LogImage;
using DigitForge.Application.Tracking.Runs.CreateRun;
using DigitForge.Application.Tracking.Runs.GetRun;
using DigitForge.Application.Tracking.Runs.LogBatch;
using DigitForge.Application.Tracking.Runs.UpdateRun;
using DigitForge.Domain.Tracking;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Application.Experiments;

/// <summary>
/// Writes a job's runs by sending the tracking use cases' requests (the same rules and pipeline as the REST API). One job, one scope, one
/// DbContext: calls are serialised, because metrics arrive from the engine's thread while the job logs other things.
/// Writes that record an ending never take the job's cancellation token, so a cancelled job still closes its runs.
/// </summary>
public sealed class ExperimentTracker(IServiceProvider scope, string jobId, string kind) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The job scope's mediator: the tracking use cases with their pipeline, on the scope's DbContext.</summary>
    private ISender Sender { get; } = scope.GetRequiredService<ISender>();

    /// <summary>A RUNNING child run of <paramref name="parentRunId"/> in the parent's experiment, tagged with the job.</summary>
    public async Task<string> StartChildRunAsync(
        string parentRunId, string name, IReadOnlyDictionary<string, string>? parameters = null, string? datasetSpecId = null, CancellationToken cancellationToken = default)
    {
        return await Locked(async () =>
        {
            var parent = await Sender.Send(new GetRunRequest(parentRunId), cancellationToken);
            var run = await Sender.Send(
                new CreateRunRequest(
                    ExperimentId: parent.ExperimentId,
                    Name: name,
                    Status: RunStatusRules.Format(RunStatus.Running),
                    ParentRunId: parentRunId,
                    DatasetSpecId: datasetSpecId,
                    Tags: new Dictionary<string, string?> { [JobTags.Job] = jobId, [JobTags.Kind] = kind }),
                cancellationToken);
            if (parameters is { Count: > 0 })
            {
                await Sender.Send(
                    new RunLogBatchRequest(run.Id, new LogBatchRequest(Params: [.. parameters.Select(p => new ParamInput(p.Key, p.Value))])), cancellationToken);
            }

            return run.Id;
        });
    }

    /// <summary>Metric points, in batches the tracking limits allow.</summary>
    public Task LogMetricsAsync(string runId, IReadOnlyList<MetricInput> metrics, CancellationToken cancellationToken = default) =>
        Locked(async () =>
        {
            foreach (var chunk in metrics.Chunk(500))
            {
                await Sender.Send(new RunLogBatchRequest(runId, new LogBatchRequest(Metrics: chunk)), cancellationToken);
            }

            return 0;
        });

    /// <summary>
    /// Params the run does not have yet: a run launched with parameters already holds them (as submitted), and params
    /// are write-once, so the kind's own spelling of the same setting (e.g. 1e-3 for 0.001) is not logged again.
    /// </summary>
    public Task LogParamsAsync(string runId, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken = default) =>
        Locked(async () =>
        {
            var existing = (await Sender.Send(new GetRunRequest(runId), cancellationToken)).Params;
            foreach (var chunk in parameters.Where(p => !existing.ContainsKey(p.Key)).Chunk(100))
            {
                await Sender.Send(
                    new RunLogBatchRequest(runId, new LogBatchRequest(Params: [.. chunk.Select(p => new ParamInput(p.Key, p.Value))])), cancellationToken);
            }

            return 0;
        });

    public Task UploadAsync(string runId, string path, byte[] content, CancellationToken cancellationToken = default) =>
        Locked(async () =>
        {
            using var stream = new MemoryStream(content, writable: false);
            await Sender.Send(new RunUploadArtifactRequest(runId, path, stream, content.Length), cancellationToken);
            return 0;
        });

    public Task LogImageAsync(string runId, string key, long step, byte[] png, string? caption = null, CancellationToken cancellationToken = default) =>
        Locked(async () =>
        {
            await Sender.Send(new RunLogImageRequest(runId, new LogImageRequest(key, step, caption, png)), cancellationToken);
            return 0;
        });

    /// <summary>The latest value of <paramref name="key"/> on a run, or null when it logged none.</summary>
    public Task<double?> LatestMetricAsync(string runId, string key) =>
        Locked(async () =>
        {
            var run = await Sender.Send(new GetRunRequest(runId), CancellationToken.None);
            return run.Metrics.TryGetValue(key, out var summary) ? summary.Value : (double?)null;
        });

    /// <summary>Moves a QUEUED run to RUNNING (the job's own run when a worker takes the job).</summary>
    public Task StartRunAsync(string runId, CancellationToken cancellationToken = default) =>
        Locked(async () =>
        {
            await Sender.Send(new RunUpdateRequest(runId, new UpdateRunRequest(Status: RunStatusRules.Format(RunStatus.Running))), cancellationToken);
            return 0;
        });

    /// <summary>Ends a run (when it has not ended yet); <paramref name="reason"/> goes into its <see cref="JobTags.Error"/> tag.</summary>
    public Task EndRunAsync(string runId, RunStatus status, string? reason = null) =>
        Locked(async () =>
        {
            var run = await Sender.Send(new GetRunRequest(runId), CancellationToken.None);
            if (RunStatusRules.TryParse(run.Status, out var current) && RunStatusRules.IsTerminal(current.Value))
            {
                return 0;
            }

            var tags = reason is null ? null : new Dictionary<string, string?> { [JobTags.Error] = Truncate(reason) };
            await Sender.Send(new RunUpdateRequest(runId, new UpdateRunRequest(Status: RunStatusRules.Format(status), Tags: tags)), CancellationToken.None);
            return 0;
        });

    public void Dispose() => _gate.Dispose();

    internal static string Truncate(string text) => text.Length > TrackingLimits.MaxTagValueLength ? text[..TrackingLimits.MaxTagValueLength] : text;

    private async Task<T> Locked<T>(Func<Task<T>> action)
    {
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            return await action();
        }
        finally
        {
            _gate.Release();
        }
    }
}
