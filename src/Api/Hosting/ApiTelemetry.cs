using DigitForge.Api.Http;
using DigitForge.Infrastructure.Observability;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

public static class ApiTelemetry
{
    /// <summary>The process's telemetry plus ASP.NET Core's request traces and metrics and the Prometheus exporter.</summary>
    public static IHostApplicationBuilder AddApiTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddDigitForgeTelemetry("digitforge-api", telemetry => telemetry
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation(o => o.Filter = context => !IsScrape(context.Request.Path)))
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddPrometheusExporter()));
    }

    /// <summary>Counts response bytes by route, and serves <c>/metrics</c> unless <c>DigitForge:Telemetry:Prometheus</c> is false.</summary>
    public static WebApplication UseApiTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<ResponseBytesMiddleware>();
        if (app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Prometheus)
        {
            app.MapPrometheusScrapingEndpoint("/metrics");
        }

        return app;
    }

    private static bool IsScrape(PathString path) => path.StartsWithSegments("/metrics") || path.StartsWithSegments("/health");
}
