using System.Text.Json;
using System.Diagnostics;
using DigitForge.Application.Common.Observability;
using DigitForge.Application.Experiments;
using DigitForge.Application.Jobs;
using DigitForge.Application.Jobs.FinishJob;
using DigitForge.Application.Training;
using DigitForge.Domain.Jobs;
using DigitForge.Domain.Tracking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DigitForge.Infrastructure.Jobs;

/// <summary>
/// Runs one claimed job to its end: starts its run, executes the kind in a service scope of its own, beats the
/// heartbeat (which also carries cancel requests from other processes and stores the log so far), and records the
/// outcome: FINISHED, CANCELLED on request, FAILED with the reason otherwise (including a shutdown mid-run).
/// Never throws: a job's failure is data, not a crash of the worker.
/// </summary>
public sealed class JobExecutor(
    IServiceScopeFactory scopes,
    IJobQueue queue,
    JobSignals signals,
    IOptions<JobOptions> options,
    TimeProvider clock,
    ILogger<JobExecutor> logger)
{
    public async Task<JobStatus> ExecuteAsync(Job job, string workerId, CancellationToken stopping, Action<string>? echo = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        signals.Register(job.Id, cancellation);
        // One trace per job: its id goes into the job log, so a log artifact leads to the worker's traces and logs.
        using var activity = DigitForgeTelemetry.ActivitySource.StartActivity($"job {job.Kind}", ActivityKind.Consumer);
        activity?.SetTag("digitforge.job.id", job.Id);
        activity?.SetTag("digitforge.job.kind", job.Kind);
        activity?.SetTag("digitforge.worker.id", workerId);
        var started = clock.GetTimestamp();
        var kindTag = new KeyValuePair<string, object?>("kind", job.Kind);
        DigitForgeTelemetry.JobsRunning.Add(1, kindTag);
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var log = new JobLog(clock, line =>
        {
            logger.LogInformation("job {JobId}: {Line}", job.Id, line);
            echo?.Invoke(line);
        });
        using var tracker = new ExperimentTracker(services, job.Id, job.Kind);
        using var heartbeatStop = new CancellationTokenSource();
        bool cancelRequested = false;
        var heartbeat = Task.Run(() => BeatAsync(job, workerId, log, tracker, cancellation, () => cancelRequested = true, heartbeatStop.Token), CancellationToken.None);

        JobStatus outcome;
        string? reason = null;
        try
        {
            // Through the tracker: it serialises the scope's one DbContext with the heartbeat's log uploads.
            await tracker.StartRunAsync(job.Id, cancellation.Token);
            var registry = services.GetRequiredService<JobKindRegistry>();
            var kind = registry.Get(job.Kind);
            using var document = JsonDocument.Parse(job.Parameters);
            var values = JobKindRegistry.Bind(kind, document.RootElement);
            log.Write(activity is null
                ? $"{job.Kind} started on worker {workerId} ({job.Device})"
                : $"{job.Kind} started on worker {workerId} ({job.Device}), trace {activity.TraceId}");
            await kind.ExecuteAsync(new ExperimentContext(job.Id, values, tracker, log), cancellation.Token);
            outcome = JobStatus.Finished;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            bool requested = cancelRequested || !stopping.IsCancellationRequested;
            outcome = requested ? JobStatus.Cancelled : JobStatus.Failed;
            reason = requested ? "Cancelled on request." : $"The worker {workerId} shut down while the job ran.";
        }
        catch (Exception ex)
        {
            outcome = JobStatus.Failed;
            reason = ex is TrainingEngineException or Application.Common.RequestValidationException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            logger.LogWarning(ex, "Job {JobId} failed", job.Id);
        }
        finally
        {
            signals.Unregister(job.Id);
            await heartbeatStop.CancelAsync();
            await heartbeat;
            DigitForgeTelemetry.JobsRunning.Add(-1, kindTag);
        }

        DigitForgeTelemetry.RecordJobEnd(job.Kind, JobRules.Format(outcome), clock.GetElapsedTime(started));
        activity?.SetTag("digitforge.job.state", JobRules.Format(outcome));
        if (outcome == JobStatus.Failed)
        {
            activity?.SetStatus(ActivityStatusCode.Error, reason);
        }

        log.Write(reason is null ? $"{JobRules.Format(outcome)}" : $"{JobRules.Format(outcome)}: {reason}");
        await StoreLogAsync(job, log, tracker);
        try
        {
            await services.GetRequiredService<FinishJobHandler>().HandleAsync(job.Id, outcome, reason, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The database went away: recovery marks the job FAILED when this worker's heartbeat is found stale.
            logger.LogError(ex, "Could not record the end of job {JobId}", job.Id);
        }

        return outcome;
    }

    private async Task BeatAsync(Job job, string workerId, JobLog log, ExperimentTracker tracker, CancellationTokenSource cancellation, Action onCancelRequest, CancellationToken stop)
    {
        int stored = 0;
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    bool cancelNow = await queue.HeartbeatAsync(job.Id, workerId, stop);
                    DigitForgeTelemetry.WorkerHeartbeats.Add(1, new KeyValuePair<string, object?>("worker", workerId));
                    if (cancelNow)
                    {
                        onCancelRequest();
                        await cancellation.CancelAsync();
                    }

                    // The log so far, so that a killed job still leaves its lines.
                    if (log.Version != stored)
                    {
                        stored = log.Version;
                        await StoreLogAsync(job, log, tracker);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
                {
                    logger.LogWarning(ex, "Heartbeat of job {JobId} failed; retrying", job.Id);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The job ended.
        }
    }

    private async Task StoreLogAsync(Job job, JobLog log, ExperimentTracker tracker)
    {
        try
        {
            await tracker.UploadAsync(job.Id, JobTags.LogArtifact, log.Snapshot(), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogDebug(ex, "Could not store the log of job {JobId}", job.Id);
        }
    }
}
