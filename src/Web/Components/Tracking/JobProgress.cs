using System.Globalization;
using DigitForge.Application.Jobs;
using DigitForge.Application.Tracking.Runs;

namespace DigitForge.Web.Components.Tracking;

/// <summary>
/// How far a running job is: its latest logged step against the length its parameters ask for (steps, epochs or
/// iterations), with the time left extrapolated from the time so far. Null when the job names no length.
/// </summary>
public sealed record JobProgress(long Done, long Total, TimeSpan? Remaining)
{
    public double Fraction => Total <= 0 ? 0 : Math.Clamp((double)Done / Total, 0, 1);

    public static JobProgress? Estimate(JobDto job, RunDto run, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(run);
        long latest = run.Metrics.Count == 0 ? 0 : run.Metrics.Values.Max(m => m.Step);

        // A job given epochs counts in epochs when its metrics are logged per epoch; one that logs per update (the
        // classifier) has no known total then, and a wrong bar is worse than none. Otherwise steps (or iterations).
        long total;
        if (Length(job, "epochs") is { } epochs)
        {
            if (latest > epochs)
            {
                return null;
            }

            total = epochs;
        }
        else if ((Length(job, "steps") ?? Length(job, "iterations") ?? Length(job, "max_steps")) is { } steps)
        {
            total = steps;
        }
        else
        {
            return null;
        }

        // Steps counted from 0 end at total - 1.
        long done = latest == total - 1 ? total : Math.Clamp(latest, 0, total);
        if (job.Status is "FINISHED")
        {
            done = total;
        }

        return new JobProgress(done, total, TimeLeft(job, done, total, now));
    }

    /// <summary>
    /// A sweep's progress: its child jobs that ended out of all it queued (a sweep's own steps are points, not
    /// epochs), the time left extrapolated as for steps.
    /// </summary>
    public static JobProgress Points(JobDto job, int ended, int total, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        long done = job.Status == "FINISHED" ? total : Math.Clamp(ended, 0, total);
        return new JobProgress(done, total, TimeLeft(job, done, total, now));
    }

    /// <summary>The time so far, extrapolated to the part not done; none unless the job is running and partly done.</summary>
    private static TimeSpan? TimeLeft(JobDto job, long done, long total, DateTimeOffset now) =>
        job.StartedAt is { } started && done > 0 && done < total && job.Status == "RUNNING"
            ? TimeSpan.FromSeconds((now - started).TotalSeconds * (total - done) / done)
            : null;

    private static long? Length(JobDto job, string name) =>
        job.Parameters.TryGetValue(name, out object? value) && TryLong(value, out long length) && length > 0 ? length : null;

    public string RemainingText => Remaining is not { } r ? string.Empty
        : r.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"about {(int)r.TotalHours}h {r.Minutes:D2}m left")
        : r.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"about {r.Minutes}m {r.Seconds:D2}s left")
        : string.Create(CultureInfo.InvariantCulture, $"about {Math.Max(1, (int)r.TotalSeconds)}s left");

    private static bool TryLong(object? value, out long result)
    {
        switch (value)
        {
            case System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Number } e when e.TryGetInt64(out result):
                return true;
            case System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.String } s:
                return long.TryParse(s.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out result);
            case long l:
                result = l;
                return true;
            case int i:
                result = i;
                return true;
            default:
                result = 0;
                return false;
        }
    }
}
