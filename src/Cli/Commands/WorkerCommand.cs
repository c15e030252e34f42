using System.CommandLine;
using DigitForge.Application.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace DigitForge.Cli.Commands;

/// <summary>
/// <c>digitforge worker</c>: this process only runs jobs from the shared tracking database (no HTTP). Several
/// workers on several machines share one PostgreSQL queue (<c>ConnectionStrings__DigitForge</c>); claims use row
/// locks, so no job runs twice. With SQLite run one worker (or the server) per database file.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var concurrency = new Option<int?>("--concurrency", "-c") { Description = "Jobs at once (default DigitForge:Jobs:MaxConcurrentJobs, 1)." };
        var workerId = new Option<string?>("--worker-id") { Description = "Name in the queue (default host name + process id)." };
        var command = new Command("worker", "Run queued experiment jobs from the tracking database until stopped (Ctrl+C).") { concurrency, workerId };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var builder = Host.CreateApplicationBuilder();
            if (parse.GetValue(CliOptions.DataDir) is { } dataDir)
            {
                builder.Configuration["DigitForge:DataDir"] = Path.GetFullPath(dataDir);
            }

            if (parse.GetValue(concurrency) is { } jobs)
            {
                builder.Configuration[$"{JobOptions.SectionName}:{nameof(JobOptions.MaxConcurrentJobs)}"] = jobs.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (parse.GetValue(workerId) is { } id)
            {
                builder.Configuration[$"{JobOptions.SectionName}:{nameof(JobOptions.WorkerId)}"] = id;
            }

            builder.Configuration[$"{JobOptions.SectionName}:{nameof(JobOptions.RunJobs)}"] = "true";
            builder.AddApplication();
            builder.AddInfrastructure();
            // Traces/metrics/logs by OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set; Prometheus on
            // DigitForge__Telemetry__WorkerMetricsPort when given.
            builder.AddDigitForgeTelemetry("digitforge-worker");
            using var host = builder.Build();
            await host.RunAsync(cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
