using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DigitForge.Application.Common;
using DigitForge.Application.Tracking.Experiments.ListExperiments;
using DigitForge.Application.Tracking.Runs;
using DigitForge.Application.Tracking.Runs.GetRun;
using DigitForge.Application.Tracking.Runs.SearchRuns;
using Mediator;

namespace DigitForge.Cli.Commands;

/// <summary><c>digitforge runs list|show|export</c>: tracked runs from the tracking database.</summary>
internal static class RunsCommand
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static Command Create() => new("runs", "Tracked runs: list, show, export (JSON or CSV).")
    {
        List(),
        Show(),
        RunExport.Create(),
    };

    private static Command List()
    {
        var experiment = new Option<string?>("--experiment", "-x") { Description = "Experiment id or name (default: all)." };
        var filter = new Option<string?>("--filter") { Description = "Filter, e.g. \"metrics.acc > 0.9 and params.model = 'cnn'\"." };
        var orderBy = new Option<string[]>("--order-by") { Description = "Order term, e.g. \"metrics.acc DESC\" (repeatable).", AllowMultipleArgumentsPerToken = false };
        var max = new Option<int>("--max") { Description = "Most runs to show.", DefaultValueFactory = _ => 50 };
        var json = new Option<bool>("--json") { Description = "Print the runs as JSON." };
        var command = new Command("list", "List runs, newest first (or by --order-by), with status and latest metrics.") { experiment, filter, orderBy, max, json };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            await using var session = await TrackingSession.OpenAsync(parse.GetValue(CliOptions.DataDir), cancellationToken);
            long[] experimentIds = await ResolveExperimentAsync(session, parse.GetValue(experiment), cancellationToken);
            var result = await session.Get<ISender>().Send(
                new SearchRunsRequest(experimentIds, parse.GetValue(filter), parse.GetValue(orderBy), parse.GetValue(max)), cancellationToken);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(result.Runs, Json));
                return ExitCodes.Success;
            }

            Console.WriteLine($"{"ID",-32}  {"NAME",-24}  {"STATUS",-9}  {"STARTED (UTC)",-19}  METRICS");
            foreach (var run in result.Runs)
            {
                string started = run.StartTime?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-";
                string metrics = string.Join("  ", run.Metrics.Take(4).Select(m => $"{m.Key}={Format(m.Value.Value)}"));
                Console.WriteLine($"{run.Id,-32}  {Truncate(run.Name, 24),-24}  {run.Status,-9}  {started,-19}  {metrics}");
            }

            if (result.NextPageToken is not null)
            {
                await Console.Error.WriteLineAsync($"(more runs: raise --max, now {parse.GetValue(max)})");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Show()
    {
        var runId = new Argument<string>("run-id") { Description = "The run's id (32 hex digits)." };
        var json = new Option<bool>("--json") { Description = "Print the run as JSON." };
        var command = new Command("show", "Show a run: attributes, tags, params and the summary of every metric.") { runId, json };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            await using var session = await TrackingSession.OpenAsync(parse.GetValue(CliOptions.DataDir), cancellationToken);
            var run = await session.Get<ISender>().Send(new GetRunRequest(parse.GetValue(runId)!), cancellationToken);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(run, Json));
                return ExitCodes.Success;
            }

            Print(run);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static void Print(RunDto run)
    {
        Console.WriteLine($"run        {run.Id}  {run.Name}");
        Console.WriteLine($"status     {run.Status}");
        Console.WriteLine($"experiment {run.ExperimentId}");
        Console.WriteLine($"started    {run.StartTime?.ToString("O", CultureInfo.InvariantCulture) ?? "-"}");
        Console.WriteLine($"ended      {run.EndTime?.ToString("O", CultureInfo.InvariantCulture) ?? "-"}");
        if (run.DatasetSpecId is not null)
        {
            Console.WriteLine($"dataset    {run.DatasetSpecId}");
        }

        if (run.Notes is not null)
        {
            Console.WriteLine($"notes      {run.Notes}");
        }

        Section("tags", run.Tags.Select(t => $"{t.Key} = {t.Value}"));
        Section("params", run.Params.Select(p => $"{p.Key} = {p.Value}"));
        Section("metrics (latest @ step, min, max, count)", run.Metrics.Select(m =>
            $"{m.Key} = {Format(m.Value.Value)} @ {m.Value.Step}  min {Format(m.Value.Min)}  max {Format(m.Value.Max)}  n {m.Value.Count}"));
    }

    private static void Section(string title, IEnumerable<string> lines)
    {
        var all = lines.ToList();
        if (all.Count == 0)
        {
            return;
        }

        Console.WriteLine($"{title}:");
        foreach (string line in all)
        {
            Console.WriteLine($"  {line}");
        }
    }

    internal static string Format(double? value) => value?.ToString("G6", CultureInfo.InvariantCulture) ?? "-";

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static async Task<long[]> ResolveExperimentAsync(TrackingSession session, string? experiment, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(experiment))
        {
            return [];
        }

        if (long.TryParse(experiment, NumberStyles.None, CultureInfo.InvariantCulture, out long id))
        {
            return [id];
        }

        var found = await session.Get<ISender>().Send(new ListExperimentsRequest(experiment, IncludeDeleted: true), cancellationToken);
        return found.Count > 0 ? [found[0].Id] : throw new RequestValidationException("experiment", $"No experiment is named '{experiment}'.");
    }
}
