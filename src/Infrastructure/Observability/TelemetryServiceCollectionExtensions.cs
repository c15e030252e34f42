using DigitForge.Application.Common.Observability;
using DigitForge.Infrastructure.Observability;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// OpenTelemetry traces, metrics and logs for a DigitForge process (API or worker): the product's meter and
    /// activity source, HttpClient and .NET runtime instrumentation, the queue/stream/engine gauges, and OTLP export
    /// when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. <paramref name="configure"/> adds what only the host knows
    /// (ASP.NET Core instrumentation and the <c>/metrics</c> exporter in the API).
    /// </summary>
    public static IHostApplicationBuilder AddDigitForgeTelemetry(this IHostApplicationBuilder builder, string serviceName, Action<OpenTelemetryBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(TelemetryOptions.SectionName);
        builder.Services.Configure<TelemetryOptions>(section);
        var options = section.Get<TelemetryOptions>() ?? new TelemetryOptions();

        // Every log line written inside a request or a job carries its trace and span ids (console scopes, OTLP logs).
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(serviceName, serviceVersion: typeof(DigitForgeTelemetry).Assembly.GetName().Version?.ToString(), serviceInstanceId: Environment.MachineName)
                .AddAttributes([new("deployment.environment.name", builder.Environment.EnvironmentName)]))
            .WithTracing(tracing => tracing
                .AddSource(DigitForgeTelemetry.Name)
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(DigitForgeTelemetry.Name)
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                if (options.WorkerMetricsPort > 0)
                {
                    int port = options.WorkerMetricsPort;
                    metrics.AddPrometheusHttpListener(listener =>
                    {
                        // Every interface (a pod's IP, not only localhost). Host = "+" is what HttpListener means by
                        // that, but the exporter builds a Uri from Host and "+" is not a host name: the worker then
                        // failed to start (found by tests/ScaleTests). So the exporter gets a valid host and the
                        // listener's prefix is replaced before it starts.
                        listener.Port = port;
                        listener.ConfigureHttpListener = (_, http) =>
                        {
                            http.Prefixes.Clear();
                            http.Prefixes.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"http://+:{port}/"));
                        };
                    });
                }
            })
            .WithLogging();
        configure?.Invoke(telemetry);

        // The standard variable (or its configuration key) decides export: no endpoint, no connection attempts.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        builder.Services.AddHostedService<ProductGauges>();
        return builder;
    }
}
