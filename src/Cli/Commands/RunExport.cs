using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DigitForge.Application.Common;
using DigitForge.Application.Tracking.Metrics.GetMetricHistory;
using DigitForge.Application.Tracking.Runs.ExportRun;
using Mediator;

namespace DigitForge.Cli.Commands;

/// <summary>
/// <c>digitforge runs export RUN</c>: the whole record of a run. JSON holds the run, every metric's full history and
/// the image and artifact listings; CSV is the metric histories in long form (run_id,key,step,timestamp,value), the
/// shape pandas and spreadsheets read directly.
/// </summary>
internal static class RunExport
{
    public static Command Create()
    {
        var runId = new Argument<string>("run-id") { Description = "The run's id (32 hex digits)." };
        var format = new Option<string>("--format", "-f") { Description = "json or csv.", DefaultValueFactory = _ => "json" };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output." };
        var command = new Command("export", "Export a run with all metric histories as JSON, or the metrics as CSV.") { runId, format, output };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            string kind = parse.GetValue(format)!.Trim().ToLowerInvariant();
            if (kind is not ("json" or "csv"))
            {
                throw new RequestValidationException("format", $"Unknown format '{kind}'. Use json or csv.");
            }

            await using var session = await TrackingSession.OpenAsync(parse.GetValue(CliOptions.DataDir), cancellationToken);
            var export = await session.Get<ISender>().Send(new ExportRunRequest(parse.GetValue(runId)!), cancellationToken);
            string text = kind == "csv"
                ? ToCsv(export.Histories)
                : JsonSerializer.Serialize(
                    new
                    {
                        run = export.Run,
                        metrics = export.Histories.ToDictionary(h => h.Key, h => new { h.Steps, h.Timestamps, h.Values }, StringComparer.Ordinal),
                        images = export.Images,
                        artifacts = export.Artifacts,
                    },
                    RunsCommand.Json);

            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file, text, new UTF8Encoding(false), cancellationToken);
                await Console.Error.WriteLineAsync($"wrote {Path.GetFullPath(file)}");
            }
            else
            {
                Console.Write(text);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static string ToCsv(IReadOnlyList<MetricHistoryDto> histories)
    {
        var csv = new StringBuilder("run_id,key,step,timestamp,value\n");
        foreach (var history in histories)
        {
            string key = Quote(history.Key);
            for (int i = 0; i < history.Steps.Count; i++)
            {
                csv.Append(history.RunId).Append(',').Append(key).Append(',')
                   .Append(history.Steps[i].ToString(CultureInfo.InvariantCulture)).Append(',')
                   .Append(history.Timestamps[i].ToString(CultureInfo.InvariantCulture)).Append(',')
                   .Append(history.Values[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        return csv.ToString();
    }

    /// <summary>RFC 4180: keys may hold spaces, never commas or quotes (key rules), but quote defensively.</summary>
    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n']) >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
}
