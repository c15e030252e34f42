namespace DigitForge.Infrastructure.Observability;

/// <summary>
/// <c>DigitForge:Telemetry</c>. OTLP export follows the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (and the other
/// <c>OTEL_*</c> variables); without it nothing leaves the process except what <c>/metrics</c> serves.
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "DigitForge:Telemetry";

    /// <summary>Serve Prometheus's text format at <c>/metrics</c> (the API; workers use <see cref="WorkerMetricsPort"/>).</summary>
    public bool Prometheus { get; set; } = true;

    /// <summary>A port on which a worker (<c>digitforge worker</c>) serves <c>/metrics</c>; 0 serves none.</summary>
    public int WorkerMetricsPort { get; set; }

    /// <summary>How often the job queue and the engine are sampled for their gauges.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(15);
}
