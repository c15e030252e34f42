using DigitForge.Application.Common;
using DigitForge.Domain.Tracking;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DigitForge.Application.Tracking.Runs.LogBatch;

/// <summary>
/// Logs a batch atomically: everything is checked first (shape → 400, unknown run → 404, ended run or a param with
/// another value → 409), then params, tags and metrics are written in one transaction, so a refused batch stores
/// nothing and never touches what was logged before.
/// </summary>
public sealed class LogBatchHandler(ITrackingDbContext db, IMetricWriter metricWriter, IOptions<TrackingOptions> options, TimeProvider clock) : IRequestHandler<RunLogBatchRequest, LogBatchResult>
{
    private readonly TrackingOptions _options = options.Value;

    public async ValueTask<LogBatchResult> Handle(RunLogBatchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await HandleAsync(request.RunId, request.Batch, cancellationToken);
    }

    public async Task<LogBatchResult> HandleAsync(string runId, LogBatchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken)
                  ?? throw new NotFoundException($"Run {runId} does not exist.");
        run.EnsureAcceptsData();

        int newParams = await AddParamsAsync(runId, request.Params ?? [], cancellationToken);
        int tags = await SetTagsAsync(runId, request.Tags ?? [], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        var metrics = request.Metrics ?? [];
        if (metrics.Count > 0)
        {
            var points = metrics.Select(m => new Metric(runId, m.Key!, m.Step ?? 0, m.Timestamp ?? now, m.Value!.Value)).ToArray();
            await metricWriter.AppendAsync(points, MetricSummary.Summarize(runId, points), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new LogBatchResult(metrics.Count, newParams, tags);
    }

    private void Validate(LogBatchRequest request)
    {
        var errors = new List<ValidationError>();
        var metrics = request.Metrics ?? [];
        var parameters = request.Params ?? [];
        var tags = request.Tags ?? [];
        CheckCount("metrics", metrics.Count, _options.MaxMetricsPerBatch, errors);
        CheckCount("params", parameters.Count, _options.MaxParamsPerBatch, errors);
        CheckCount("tags", tags.Count, _options.MaxTagsPerBatch, errors);
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        for (int i = 0; i < metrics.Count; i++)
        {
            var m = metrics[i] ?? new MetricInput(null, null);
            TrackingInput.CheckKey($"metrics[{i}].key", m.Key, errors);
            if (m.Value is null)
            {
                errors.Add(new ValidationError($"metrics[{i}].value", "A metric point needs a value (a number, or \"NaN\" / \"Infinity\")."));
            }

            if (m.Timestamp is < 0)
            {
                errors.Add(new ValidationError($"metrics[{i}].timestamp", "Timestamps are Unix milliseconds, not negative."));
            }
        }

        var seen = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (int i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i] ?? new ParamInput(null, null);
            TrackingInput.CheckKey($"params[{i}].key", p.Key, errors);
            if (p.Value is null)
            {
                errors.Add(new ValidationError($"params[{i}].value", "A param needs a value."));
            }

            TrackingInput.CheckLength($"params[{i}].value", p.Value, TrackingLimits.MaxParamValueLength, errors);
            if (p.Key is not null && seen.TryGetValue(p.Key, out string? earlier) && !string.Equals(earlier, p.Value, StringComparison.Ordinal))
            {
                errors.Add(new ValidationError($"params[{i}].value", $"Param '{p.Key}' appears twice in the batch with different values."));
            }

            if (p.Key is not null)
            {
                seen[p.Key] = p.Value;
            }
        }

        for (int i = 0; i < tags.Count; i++)
        {
            var t = tags[i] ?? new TagInput(null, null);
            TrackingInput.CheckKey($"tags[{i}].key", t.Key, errors);
            if (t.Value is null)
            {
                errors.Add(new ValidationError($"tags[{i}].value", "A tag needs a value."));
            }

            TrackingInput.CheckLength($"tags[{i}].value", t.Value, TrackingLimits.MaxTagValueLength, errors);
        }

        TrackingInput.ThrowIfAny(errors);
    }

    private static void CheckCount(string field, int count, int max, List<ValidationError> errors)
    {
        if (count > max)
        {
            errors.Add(new ValidationError(field, $"At most {max} {field} per batch (got {count:N0}); split the batch."));
        }
    }

    private async Task<int> AddParamsAsync(string runId, IReadOnlyList<ParamInput> parameters, CancellationToken cancellationToken)
    {
        if (parameters.Count == 0)
        {
            return 0;
        }

        var keys = parameters.Select(p => p.Key!).Distinct(StringComparer.Ordinal).ToArray();
        var existing = await db.Params.AsNoTracking().Where(p => p.RunId == runId && keys.Contains(p.Key))
            .ToDictionaryAsync(p => p.Key, StringComparer.Ordinal, cancellationToken);
        int added = 0;
        foreach (var input in parameters.DistinctBy(p => p.Key, StringComparer.Ordinal))
        {
            if (existing.TryGetValue(input.Key!, out var stored))
            {
                stored.EnsureSameValue(input.Value!);
                continue;
            }

            db.Params.Add(new Param(runId, input.Key!, input.Value!));
            added++;
        }

        return added;
    }

    private async Task<int> SetTagsAsync(string runId, IReadOnlyList<TagInput> tags, CancellationToken cancellationToken)
    {
        if (tags.Count == 0)
        {
            return 0;
        }

        // The last value of a key in the batch wins, as if the tags were set one after another.
        var latest = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            latest[tag.Key!] = tag.Value!;
        }

        var keys = latest.Keys.ToArray();
        var existing = await db.RunTags.Where(t => t.RunId == runId && keys.Contains(t.Key)).ToDictionaryAsync(t => t.Key, StringComparer.Ordinal, cancellationToken);
        foreach (var (key, value) in latest)
        {
            if (existing.TryGetValue(key, out var tag))
            {
                tag.Value = value;
            }
            else
            {
                db.RunTags.Add(new RunTag(runId, key, value));
            }
        }

        return latest.Count;
    }
}
