using DigitForge.Application.Common;
using DigitForge.Application.Experiments.GetSummary;
using DigitForge.Application.Experiments.Summaries;
using DigitForge.Application.Jobs.GetJob;
using DigitForge.Application.Tracking;
using DigitForge.Application.Tracking.Runs;
using DigitForge.Application.Tracking.Runs.GetRun;
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
            return (await scope.ServiceProvider.GetRequiredService<GetJobHandler>().HandleAsync(runId, cancellationToken)).Kind;
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    public async Task<ExperimentSummary?> SummaryAsync(string runId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GetExperimentSummaryHandler>().FindAsync(runId, cancellationToken);
    }

    public async Task<RunDto?> RunAsync(string runId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            return await scope.ServiceProvider.GetRequiredService<GetRunHandler>().HandleAsync(runId, cancellationToken);
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
        var get = scope.ServiceProvider.GetRequiredService<GetRunHandler>();
        foreach (string id in ids)
        {
            try
            {
                runs.Add(await get.HandleAsync(id, cancellationToken));
            }
            catch (NotFoundException)
            {
                // Deleted between the two reads.
            }
        }

        return runs;
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
