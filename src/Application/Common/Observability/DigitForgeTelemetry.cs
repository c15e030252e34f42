using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DigitForge.Application.Common.Observability;

/// <summary>
/// The product's own traces and metrics (meter and activity source "DigitForge"), beside what ASP.NET Core, HttpClient
/// and the runtime already report. Instruments are static: a process has one meter whatever its hosts, and the
/// OpenTelemetry SDK (or dotnet-counters) listens by name. Names follow the OpenTelemetry semantic conventions
/// (dotted, unit as a separate field); the Prometheus exporter turns them into <c>digitforge_jobs_duration_seconds</c> etc.
/// </summary>
public static class DigitForgeTelemetry
{
    public const string Name = "DigitForge";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Jobs that ended, by kind and final state (FINISHED, FAILED, CANCELLED).</summary>
    public static readonly Counter<long> JobsCompleted = Meter.CreateCounter<long>(
        "digitforge.jobs.completed", "{job}", "Jobs that reached a final state, by kind and state.");

    /// <summary>Wall time from start to end of a job on its worker, by kind and final state.</summary>
    public static readonly Histogram<double> JobDuration = Meter.CreateHistogram<double>(
        "digitforge.jobs.duration", "s", "Time a job ran on its worker, by kind and final state.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 15, 60, 300, 900, 3600, 4 * 3600, 12 * 3600] });

    /// <summary>Jobs running in this process, by kind.</summary>
    public static readonly UpDownCounter<long> JobsRunning = Meter.CreateUpDownCounter<long>(
        "digitforge.jobs.running", "{job}", "Jobs running in this process, by kind.");

    /// <summary>Heartbeats this process's worker wrote for its running jobs (a flat line means a stuck worker).</summary>
    public static readonly Counter<long> WorkerHeartbeats = Meter.CreateCounter<long>(
        "digitforge.worker.heartbeats", "{heartbeat}", "Heartbeats written for running jobs, by worker.");

    /// <summary>Dataset rows (samples) generated or encoded, by generator.</summary>
    public static readonly Counter<long> DatasetRows = Meter.CreateCounter<long>(
        "digitforge.datasets.rows", "{row}", "Dataset rows generated, by generator.");

    /// <summary>Response bytes written, by endpoint route and status code.</summary>
    public static readonly Counter<long> ResponseBytes = Meter.CreateCounter<long>(
        "digitforge.http.response.bytes", "By", "Response body bytes written, by route and status code.");

    public static void RecordJobEnd(string kind, string state, TimeSpan elapsed)
    {
        var tags = new TagList { { "kind", kind }, { "state", state } };
        JobsCompleted.Add(1, tags);
        JobDuration.Record(elapsed.TotalSeconds, tags);
    }
}
