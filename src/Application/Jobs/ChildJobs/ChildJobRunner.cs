using DigitForge.Application.Datasets.Specs;
using DigitForge.Application.Experiments;
using DigitForge.Application.Jobs.CancelJob;
using DigitForge.Application.Tracking;
using DigitForge.Application.Training;
using DigitForge.Domain.Jobs;
using DigitForge.Domain.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DigitForge.Application.Jobs.ChildJobs;

/// <summary>
/// Fans a job's points out as child jobs on the shared queue, so that a sweep runs on as many workers as there are:
/// every point is a QUEUED job whose run is a child run of the parent's, any free worker slot (this process's runner,
/// <c>digitforge worker</c> processes on the same PostgreSQL) claims one, and the parent job runs queued points itself
/// meanwhile, one at a time. The parent therefore never waits on a slot it holds: with one worker it runs every
/// point, with more the points spread. Cancelling the parent cancels its unfinished children.
/// </summary>
public sealed class ChildJobRunner(
    IServiceScopeFactory scopes,
    IJobQueue queue,
    IJobExecution execution,
    ITrainer trainer,
    IOptions<JobOptions> options,
    TimeProvider clock)
{
    /// <summary>How often the parent looks for children that ended on other workers.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Queues one child job per point under <paramref name="parentRunId"/> (one unit of work: all or none) and returns
    /// their ids, in the points' order. Points are queued a millisecond apart, so workers claim them in that order.
    /// </summary>
    public async Task<IReadOnlyList<string>> QueueAsync(string parentRunId, IReadOnlyList<ChildJob> children, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(parentRunId);
        ArgumentNullException.ThrowIfNull(children);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ITrackingDbContext>();
        long experimentId = await db.Runs.Where(r => r.Id == parentRunId).Select(r => r.ExperimentId).FirstAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var ids = new List<string>(children.Count);
        for (int i = 0; i < children.Count; i++)
        {
            var child = children[i];
            string device = JobDevices.Resolve(child.Kind.Device(child.Values), trainer);
            ids.Add(QueuedJobs.Add(db, experimentId, child.Name, child.Kind, child.Values, device, child.RunParams, now.AddMilliseconds(i), parentRunId).Id);
        }

        await db.SaveChangesAsync(cancellationToken);
        queue.NotifyEnqueued();
        return ids;
    }

    /// <summary>
    /// Runs queued children here, one at a time, while other workers take the rest, and calls <paramref name="ended"/>
    /// once per child as it ends (in the order they end); <paramref name="log"/> gets the log lines (unstamped) of the
    /// children run here, with their index. Cancellation cancels every child not ended yet and throws.
    /// </summary>
    public async Task RunAsync(IReadOnlyList<string> ids, Func<ChildJobOutcome, Task> ended, Action<int, string>? log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(ended);
        string workerId = options.Value.ResolveWorkerId();
        var open = ids.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index, StringComparer.Ordinal);
        var unclaimed = new Queue<string>(ids);
        Task<JobStatus>? here = null;
        try
        {
            while (open.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (here is { IsCompleted: true })
                {
                    await here;
                    here = null;
                }

                while (here is null && unclaimed.TryDequeue(out string? next))
                {
                    // Null when another worker claimed it first (or it was cancelled): try the next one.
                    if (await queue.ClaimAsync(next, workerId, cancellationToken) is { } job)
                    {
                        int index = open[next];
                        here = execution.RunAsync(job, workerId, log is null ? null : line => log(index, JobLog.WithoutStamp(line)), cancellationToken);
                    }
                }

                foreach (var outcome in await EndedAsync(open, cancellationToken))
                {
                    open.Remove(outcome.RunId);
                    await ended(outcome);
                }

                if (open.Count > 0)
                {
                    var tick = Task.Delay(Poll, cancellationToken);
                    await (here is null ? tick : (Task)Task.WhenAny(here, tick)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await CancelAsync(open.Keys);
            if (here is not null)
            {
                await here; // the child stops at its next step and records CANCELLED itself
            }

            throw;
        }
    }

    private async Task<List<ChildJobOutcome>> EndedAsync(Dictionary<string, int> open, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ITrackingDbContext>();
        var keys = open.Keys.ToList();
        var rows = await db.Jobs.AsNoTracking()
            .Where(j => keys.Contains(j.Id) && j.Status != JobStatus.Queued && j.Status != JobStatus.Running)
            .Select(j => new { j.Id, j.Status, j.Error, j.WorkerId })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ChildJobOutcome(open[r.Id], r.Id, r.Status, r.Error, r.WorkerId)).OrderBy(o => o.Index)];
    }

    private async Task CancelAsync(IEnumerable<string> ids)
    {
        await using var scope = scopes.CreateAsyncScope();
        var cancel = scope.ServiceProvider.GetRequiredService<CancelJobHandler>();
        foreach (string id in ids.ToList())
        {
            await cancel.HandleAsync(id, CancellationToken.None);
        }
    }
}
