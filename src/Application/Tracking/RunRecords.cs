using DigitForge.Application.Common;
using DigitForge.Application.Tracking.Artifacts;
using DigitForge.Application.Tracking.Images;
using DigitForge.Application.Tracking.Metrics.GetMetricHistory;
using DigitForge.Domain.Tracking;
using Microsoft.EntityFrameworkCore;

namespace DigitForge.Application.Tracking;

/// <summary>
/// The reads of a run's record that several use cases share (a metric's history, the image and artifact listings):
/// the listing endpoints each send one of them, <c>runs export</c> sends one request that reads them all. A service,
/// so that no handler calls another.
/// </summary>
internal static class RunRecords
{
    public static async Task EnsureRunExistsAsync(ITrackingDbContext db, string runId, CancellationToken cancellationToken)
    {
        if (!await db.Runs.AnyAsync(r => r.Id == runId, cancellationToken))
        {
            throw new NotFoundException($"Run {runId} does not exist.");
        }
    }

    /// <summary>The series of <paramref name="key"/>, by step then time, reduced to <paramref name="maxPoints"/> (LTTB) when given; the run exists.</summary>
    public static async Task<MetricHistoryDto> MetricHistoryAsync(ITrackingDbContext db, string runId, string key, int? maxPoints, CancellationToken cancellationToken)
    {
        var rows = await db.Metrics.AsNoTracking()
            .Where(m => m.RunId == runId && m.Key == key)
            .OrderBy(m => m.Step).ThenBy(m => m.Timestamp).ThenBy(m => m.Id)
            .Select(m => new { m.Step, m.Timestamp, m.Value, m.IsNaN })
            .ToListAsync(cancellationToken);
        var points = new MetricPoint[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            points[i] = new MetricPoint(r.Step, r.Timestamp, r.IsNaN ? double.NaN : r.Value);
        }

        IReadOnlyList<MetricPoint> series = maxPoints is { } n ? MetricDownsampler.Downsample(points, n) : points;
        return new MetricHistoryDto(
            runId,
            key,
            points.Length,
            series.Count != points.Length,
            [.. series.Select(p => p.Step)],
            [.. series.Select(p => p.Timestamp)],
            [.. series.Select(p => p.Value)]);
    }

    /// <summary>The run's images (optionally one key), by key then step, without their bytes; the run exists.</summary>
    public static async Task<IReadOnlyList<RunImageDto>> ImagesAsync(ITrackingDbContext db, string runId, string? key, CancellationToken cancellationToken)
    {
        var query = db.RunImages.AsNoTracking().Where(i => i.RunId == runId);
        if (!string.IsNullOrEmpty(key))
        {
            query = query.Where(i => i.Key == key);
        }

        // Projected, so the PNG column is never read for a listing.
        return await query.OrderBy(i => i.Key).ThenBy(i => i.Step).ThenBy(i => i.Id)
            .Select(i => new RunImageDto(i.Id, i.RunId, i.Key, i.Step, i.Caption, i.Width, i.Height, i.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The run's artifacts by path, optionally those under <paramref name="prefix"/>; the run exists.</summary>
    public static async Task<IReadOnlyList<ArtifactDto>> ArtifactsAsync(ITrackingDbContext db, string runId, string? prefix, CancellationToken cancellationToken)
    {
        var artifacts = await db.Artifacts.AsNoTracking().Where(a => a.RunId == runId).ToListAsync(cancellationToken);
        return [.. artifacts
            .Where(a => string.IsNullOrEmpty(prefix) || a.Path.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(a => a.Path, StringComparer.Ordinal)
            .Select(a => new ArtifactDto(a.RunId, a.Path, a.Size, a.Sha256, a.CreatedAt))];
    }
}
