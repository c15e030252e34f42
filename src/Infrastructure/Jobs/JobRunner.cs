using DigitForge.Application.Jobs;
using DigitForge.Application.Jobs.RecoverJobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DigitForge.Infrastructure.Jobs;

/// <summary>
/// The in-process job runner (the embedded default, and all that <c>digitforge worker</c> runs): recovers orphaned
/// jobs at start and at every poll, then claims queued jobs while it has free slots
/// (<see cref="JobOptions.MaxConcurrentJobs"/>, CUDA jobs at most <see cref="JobOptions.MaxConcurrentGpuJobs"/>).
/// A submission in this process wakes it at once; other processes' submissions are seen at the next poll.
/// On shutdown running jobs are stopped and end FAILED ("the worker shut down").
/// </summary>
public sealed class JobRunner(
    IServiceScopeFactory scopes,
    IJobQueue queue,
    JobSignals signals,
    JobExecutor executor,
    IOptions<JobOptions> options,
    ILogger<JobRunner> logger) : BackgroundService
{
    private readonly Lock _lock = new();
    private readonly List<Task> _running = [];
    private int _gpuJobs;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.RunJobs)
        {
            return;
        }

        string workerId = settings.ResolveWorkerId();
        logger.LogInformation("Job runner {WorkerId}: up to {Jobs} jobs at once ({Gpu} on CUDA)", workerId, settings.MaxConcurrentJobs, settings.MaxConcurrentGpuJobs);
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RecoverAsync(stoppingToken);
                await ClaimWhileFreeAsync(workerId, settings, stoppingToken);
                await signals.WaitForWorkAsync(settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The database may be restarting: keep the worker alive and try again.
                logger.LogWarning(ex, "Job runner poll failed; retrying");
                await Task.Delay(settings.PollInterval, CancellationToken.None);
            }
        }

        Task[] running;
        lock (_lock)
        {
            running = [.. _running];
        }

        await Task.WhenAll(running);
    }

    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        // Every job this process executes (the runner's, and a sweep's points run inline) is registered in the signals.
        var runningHere = signals.RunningHere;
        await using var scope = scopes.CreateAsyncScope();
        var recovered = await scope.ServiceProvider.GetRequiredService<RecoverOrphanedJobsHandler>().HandleAsync(runningHere, cancellationToken);
        foreach (string id in recovered)
        {
            logger.LogWarning("Job {JobId} was orphaned (its worker stopped beating): marked FAILED", id);
        }
    }

    private async Task ClaimWhileFreeAsync(string workerId, JobOptions settings, CancellationToken stoppingToken)
    {
        while (true)
        {
            bool allowGpu;
            lock (_lock)
            {
                _running.RemoveAll(t => t.IsCompleted);
                if (_running.Count >= Math.Max(1, settings.MaxConcurrentJobs))
                {
                    return;
                }

                allowGpu = _gpuJobs < Math.Max(1, settings.MaxConcurrentGpuJobs);
            }

            var job = await queue.ClaimNextAsync(workerId, allowGpu, stoppingToken);
            if (job is null)
            {
                return;
            }

            bool gpu = job.Device == "cuda";
            lock (_lock)
            {
                if (gpu)
                {
                    _gpuJobs++;
                }

                _running.Add(Task.Run(
                    async () =>
                    {
                        try
                        {
                            await executor.ExecuteAsync(job, workerId, stoppingToken);
                        }
                        finally
                        {
                            lock (_lock)
                            {
                                if (gpu)
                                {
                                    _gpuJobs--;
                                }
                            }

                            signals.Enqueued(); // a slot is free: look again now
                        }
                    },
                    CancellationToken.None));
            }
        }
    }
}
