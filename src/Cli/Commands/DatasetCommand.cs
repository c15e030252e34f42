using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DigitForge.Application.Common;
using DigitForge.Application.Datasets;
using DigitForge.Application.Datasets.CreateDataset;
using DigitForge.Application.Datasets.DownloadDataset;
using DigitForge.Application.Datasets.ListGenerators;
using DigitForge.Cli.Terminal;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Cli.Commands;

/// <summary>
/// <c>digitforge dataset generators|create SPEC.json|download SPEC.json|ID</c>: the dataset use cases of the API,
/// run in-process on the local data directory (no server needed). The generator help is built from the registry.
/// </summary>
internal static class DatasetCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create() => new("dataset", "Datasets as specs: list generators, create a dataset from a JSON spec, download it as npz, npy or zip.")
    {
        Generators(),
        CreateCommand(),
        Download(),
        DatasetListCommand.Create(),
    };

    private static Command Generators()
    {
        var json = new Option<bool>("--json") { Description = "Print the listing as JSON (what GET /api/generators returns)." };
        var command = new Command("generators", "List the registered generators with their parameters, defaults and ranges.") { json };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            await using var services = CliHost.Build(parse.GetValue(CliOptions.DataDir));
            var generators = await services.GetRequiredService<ISender>().Send(new ListGeneratorsRequest(), cancellationToken);
            Console.WriteLine(parse.GetValue(json) ? JsonSerializer.Serialize(generators, Json) : GeneratorHelp(generators));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command CreateCommand()
    {
        var spec = new Argument<string>("spec") { Description = "A JSON spec file, e.g. {\"generator\": \"mnist1d\", \"parameters\": {\"mode\": \"keyed\"}, \"seed\": 1, \"splits\": {\"train\": 4000, \"test\": 1000}}." };
        var command = new Command("create", "Validate a spec, store it in the data directory and print its id and metadata (JSON).\n\n" + GeneratorHelp(BuiltInGenerators())) { spec };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            await using var services = CliHost.Build(parse.GetValue(CliOptions.DataDir));
            var info = await services.GetRequiredService<ISender>().Send(new CreateDatasetRequest(ReadSpec(parse.GetValue(spec)!)), cancellationToken);
            Console.WriteLine(JsonSerializer.Serialize(info, Json));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Download()
    {
        var target = new Argument<string>("spec-or-id") { Description = "A JSON spec file (created first if new) or the id of a stored dataset." };
        var format = new Option<string>("--format") { Description = "npz (all arrays), npy (one array: --split, --array), zip (PNGs in split/label folders) or parquet (one split, --split; the Hugging Face layout).", DefaultValueFactory = _ => "npz" };
        var split = new Option<string?>("--split") { Description = "npy, parquet: the split, e.g. train." };
        var array = new Option<string?>("--array") { Description = "npy: the array, e.g. x (default) or y." };
        var output = new Option<string?>("--output", "-o") { Description = "Output file (default: the bundle's name). An existing file is never overwritten: the name gets \" (unix seconds)\"." };
        var command = new Command("download", "Generate a dataset's bundle into a file, with a progress bar on stderr.") { target, format, split, array, output };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            await using var services = CliHost.Build(parse.GetValue(CliOptions.DataDir));
            string given = parse.GetValue(target)!;
            var sender = services.GetRequiredService<ISender>();
            // A spec file is stored first (the same spec gives the same id), then downloaded by id.
            string id = File.Exists(given) ? (await sender.Send(new CreateDatasetRequest(ReadSpec(given)), cancellationToken)).Id : given;
            var request = new BundleRequest(BundleRequest.ParseFormat(parse.GetValue(format)), parse.GetValue(split), parse.GetValue(array));
            using var download = (await sender.Send(new DownloadDatasetRequest(id, request), cancellationToken)).Download!;
            var dataset = download.Dataset;
            string path = parse.GetValue(output) ?? download.Bundle.FileName;
            var progress = TransferProgressBar.ForStandardError(Path.GetFileName(path), download.Bundle.Length);
            string written;
            long bytes;
            await using (var file = OutputFileName.CreateUnique(path, TimeProvider.System, out written))
            {
                try
                {
                    var counting = new ProgressStream(file, progress);
                    await download.WriteToAsync(counting, cancellationToken);
                    bytes = counting.Written;
                }
                catch
                {
                    await file.DisposeAsync();
                    File.Delete(written);
                    throw;
                }
            }

            progress.Complete(bytes);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{written} ({bytes:N0} bytes, dataset {dataset.Id})"));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static JsonElement ReadSpec(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new RequestValidationException("spec", $"{path} is not valid JSON: {ex.Message}");
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new RequestValidationException("spec", $"{path} does not exist.");
        }
    }

    /// <summary>The registered generators, for help text built before the command's services exist (only the registries are built).</summary>
    private static IReadOnlyList<GeneratorInfo> BuiltInGenerators()
    {
        using var services = new ServiceCollection().AddImageFilters().AddDatasetGenerators().BuildServiceProvider();
        return [.. services.GetRequiredService<GeneratorRegistry>().All.Select(ListGeneratorsHandler.Describe)];
    }

    private static string GeneratorHelp(IReadOnlyList<GeneratorInfo> generators)
    {
        var text = new StringBuilder("Generators (name, parameters with defaults):\n");
        foreach (var generator in generators)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {generator.Name} {generator.Version}: {generator.Description}\n");
            text.Append(CultureInfo.InvariantCulture, $"    splits {string.Join(", ", generator.DefaultSplits.Select(s => $"{s.Key}={s.Value}"))}, seed {generator.DefaultSeed}\n");
            foreach (var p in generator.Parameters)
            {
                string range = p.Choices is { } choices ? string.Join("|", choices)
                    : p.Minimum is { } min ? string.Create(CultureInfo.InvariantCulture, $"{min}..{p.Maximum}") : p.Type;
                text.Append(CultureInfo.InvariantCulture, $"    {p.Name} = {JsonSerializer.Serialize(p.Default)} ({range}): {p.Description}\n");
            }
        }

        return text.ToString().TrimEnd();
    }
}
