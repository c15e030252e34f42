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
    private static readonly string[] LengthParameters = ["steps", "epochs", "iterations", "max_steps"];

    public double Fraction => Total <= 0 ? 0 : Math.Clamp((double)Done / Total, 0, 1);

    public static JobProgress? Estimate(JobDto job, RunDto run, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(run);
        foreach (string name in LengthParameters)
        {
            if (!job.Parameters.TryGetValue(name, out object? value) || !TryLong(value, out long total) || total <= 0)
            {
                continue;
            }

            // Epoch-counted kinds log per epoch, step-counted ones per step: the largest step of any metric is the
            // furthest the job has got (+1 when steps count from 0 and the last one is total - 1).
            long done = run.Metrics.Count == 0 ? 0 : run.Metrics.Values.Max(m => m.Step);
            if (done == total - 1)
            {
                done = total;
            }

            done = Math.Clamp(done, 0, total);
            if (job.Status is "FINISHED")
            {
                done = total;
            }

            TimeSpan? remaining = null;
            if (job.StartedAt is { } started && done > 0 && done < total && job.Status == "RUNNING")
            {
                var elapsed = now - started;
                remaining = TimeSpan.FromSeconds(elapsed.TotalSeconds * (total - done) / done);
            }

            return new JobProgress(done, total, remaining);
        }

        return null;
    }

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
