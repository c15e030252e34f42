using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DigitForge.Application.Datasets.ListDatasets;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Cli.Commands;

/// <summary><c>digitforge dataset list [--generator G] [--id PREFIX] [--json]</c>: the stored datasets, newest first.</summary>
internal static class DatasetListCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var generator = new Option<string?>("--generator") { Description = "Only datasets of this generator." };
        var prefix = new Option<string?>("--id") { Description = "Only ids starting with this prefix (a short id)." };
        var json = new Option<bool>("--json") { Description = "Print the list as JSON (what GET /api/datasets returns)." };
        var command = new Command("list", "List the stored datasets: id, generator, seed, rows per split, when stored.") { generator, prefix, json };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            await using var services = CliHost.Build(parse.GetValue(CliOptions.DataDir));
            var datasets = await services.GetRequiredService<ISender>()
                .Send(new ListDatasetsRequest(parse.GetValue(generator), parse.GetValue(prefix), 1000), cancellationToken);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(datasets, Json));
                return ExitCodes.Success;
            }

            if (datasets.Count == 0)
            {
                Console.WriteLine("No stored datasets. Create one with: digitforge dataset create spec.json");
                return ExitCodes.Success;
            }

            foreach (var d in datasets)
            {
                string splits = string.Join(", ", d.Splits.Select(s => $"{s.Key} {s.Value}"));
                string saved = d.SavedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{d.Id[..12]}  {d.Generator,-24} seed {d.Seed,-6} {splits,-28} {saved}"));
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
