using System.Runtime.CompilerServices;
using DigitForge.Application.Jobs;
using DigitForge.Domain.Jobs;
using DigitForge.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Infrastructure.Jobs;

/// <summary>
/// The queue in the tracking database. A claim is one UPDATE … RETURNING on the oldest queued row: on PostgreSQL its
/// subquery locks that row <c>FOR UPDATE SKIP LOCKED</c>, so concurrent workers each get a different job and never
/// wait for one another; SQLite serialises writers itself (one process). Heartbeats only touch a row this worker
/// still owns, so a job recovered as orphaned meanwhile is not resurrected.
/// </summary>
public sealed class DatabaseJobStore(IServiceScopeFactory scopes, TrackingDatabase database, JobSignals signals, TimeProvider clock) : IJobQueue
{
    private const string Queued = nameof(JobStatus.Queued);
    private const string Running = nameof(JobStatus.Running);

    public Task<Job?> ClaimNextAsync(string workerId, bool allowGpu, CancellationToken cancellationToken)
    {
        string device = allowGpu ? string.Empty : """ AND "Device" <> 'cuda'""";
        string locking = database.IsPostgres ? " FOR UPDATE SKIP LOCKED" : string.Empty;
        string sql =
            $$"""
            UPDATE "Jobs" SET "Status" = '{{Running}}', "WorkerId" = {0}, "StartedAt" = {1}, "HeartbeatAt" = {1}
            WHERE "Status" = '{{Queued}}' AND "Id" = (
                SELECT "Id" FROM "Jobs" WHERE "Status" = '{{Queued}}' AND NOT "CancelRequested"{{device}}
                ORDER BY "CreatedAt", "Id" LIMIT 1{{locking}})
            RETURNING "Id" AS "Value"
            """;
        return ExecuteClaimAsync(sql, workerId, null, cancellationToken);
    }

    public Task<Job?> ClaimAsync(string jobId, string workerId, CancellationToken cancellationToken)
    {
        string sql =
            $$"""
            UPDATE "Jobs" SET "Status" = '{{Running}}', "WorkerId" = {0}, "StartedAt" = {1}, "HeartbeatAt" = {1}
            WHERE "Status" = '{{Queued}}' AND NOT "CancelRequested" AND "Id" = {2}
            RETURNING "Id" AS "Value"
            """;
        return ExecuteClaimAsync(sql, workerId, jobId, cancellationToken);
    }

    public async Task<bool> HeartbeatAsync(string jobId, string workerId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrackingDbContext>();
        long now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var cancel = await db.Database.SqlQuery<bool>(FormattableStringFactory.Create(
            $$"""
            UPDATE "Jobs" SET "HeartbeatAt" = {0}
            WHERE "Id" = {1} AND "WorkerId" = {2} AND "Status" = '{{Running}}'
            RETURNING "CancelRequested" AS "Value"
            """,
            now, jobId, workerId)).ToListAsync(cancellationToken);
        // No row: the job is not ours any more (recovered as orphaned): stop as if cancelled.
        return cancel.Count == 0 || cancel[0];
    }

    public void NotifyEnqueued() => signals.Enqueued();

    public void NotifyCancelRequested(string jobId) => signals.CancelRequested(jobId);

    private async Task<Job?> ExecuteClaimAsync(string sql, string workerId, string? jobId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrackingDbContext>();
        long now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        object[] args = jobId is null ? [workerId, now] : [workerId, now, jobId];
        var ids = await db.Database.SqlQuery<string>(FormattableStringFactory.Create(sql, args)).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return null;
        }

        return await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == ids[0], cancellationToken);
    }
}
