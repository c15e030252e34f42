using DigitForge.Application.Common;
using DigitForge.Application.Experiments.GetSummary;
using DigitForge.Application.Experiments.Summaries;
using DigitForge.Application.Jobs.GetJob;
using DigitForge.Application.Tracking;
using DigitForge.Application.Tracking.Runs;
using DigitForge.Application.Tracking.Runs.GetRun;
using DigitForge.Domain.Tracking;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Web.Components.Tracking.Experiments;

/// <summary>
/// What the experiment views read beyond the run page's snapshot (a parent's job kind, sibling runs, CSV/NPY
/// artifacts), each read in its own DI scope like <see cref="RunPageLoader"/>: a live page reads from a timer.
/// </summary>
public sealed class ExperimentReads(IServiceScopeFactory scopes)
{
    /// <summary>Artifacts larger than this are not read into a page.</summary>
    public const long MaxArtifactBytes = 8 * 1024 * 1024;

    /// <summary>The kind of the job behind <paramref name="runId"/>, or null when the run is not a job's.</summary>
    public async Task<string?> JobKindAsync(string runId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            return (await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetJobRequest(runId), cancellationToken)).Kind;
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    public async Task<ExperimentSummary?> SummaryAsync(string runId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetExperimentSummaryRequest(runId), cancellationToken);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    public async Task<RunDto?> RunAsync(string runId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetRunRequest(runId), cancellationToken);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    /// <summary>The child runs of <paramref name="parentRunId"/> with their params, oldest first (at most <paramref name="limit"/>).</summary>
    public async Task<IReadOnlyList<RunDto>> ChildrenAsync(string parentRunId, int limit = 200, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ITrackingDbContext>();
        var ids = await db.Runs.AsNoTracking()
            .Where(r => r.ParentRunId == parentRunId && r.DeletedAt == null)
            .OrderBy(r => r.CreatedAt)
            .Select(r => r.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
        var runs = new List<RunDto>(ids.Count);
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        foreach (string id in ids)
        {
            try
            {
                runs.Add(await sender.Send(new GetRunRequest(id), cancellationToken));
            }
            catch (NotFoundException)
            {
                // Deleted between the two reads.
            }
        }

        return runs;
    }

    /// <summary>Runs (not deleted) with the param <paramref name="key"/> = <paramref name="value"/>, newest first, e.g. the ambiguity runs of a step-2 run.</summary>
    public async Task<IReadOnlyList<(string Id, string Name, string Status)>> RunsWithParamAsync(string key, string value, int limit = 50, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ITrackingDbContext>();
        var runs = await db.Params.AsNoTracking()
            .Where(p => p.Key == key && p.Value == value)
            .Join(db.Runs.AsNoTracking().Where(r => r.DeletedAt == null), p => p.RunId, r => r.Id, (p, r) => r)
            .OrderByDescending(r => r.CreatedAt)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return [.. runs.Select(r => (r.Id, r.Name, RunStatusRules.Format(r.Status)))];
    }

    /// <summary>An artifact's bytes, or null when there is none (or it is too large for a page).</summary>
    public async Task<byte[]?> BytesAsync(string runId, string path, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var stream = scope.ServiceProvider.GetRequiredService<IArtifactStore>().OpenRead(runId, path);
        if (stream is null || (stream.CanSeek && stream.Length > MaxArtifactBytes))
        {
            return null;
        }

        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, cancellationToken);
        return copy.Length > MaxArtifactBytes ? null : copy.ToArray();
    }

    public async Task<string?> TextAsync(string runId, string path, CancellationToken cancellationToken = default) =>
        await BytesAsync(runId, path, cancellationToken) is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : null;
}
