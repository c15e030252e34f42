using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DigitForge.Application.Corruptions.GetCompositions;
using DigitForge.Application.Corruptions.ListCorruptions;
using DigitForge.Application.Corruptions.PreviewCorruption;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Cli.Commands;

/// <summary>
/// <c>digitforge corruptions list|preview</c> and <c>digitforge compositions list|check</c>: the registered corruptions,
/// a PNG of one source image after a corruption, and the default 167 compositions (to pin them in a dataset spec).
/// Corrupted datasets themselves are bundles of the composition, compositional-benchmark (and mnist-c) generators:
/// <c>digitforge dataset download spec.json</c>.
/// </summary>
internal static class CorruptionsCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create() => new("corruptions", "Corruptions (compositional set, MNIST-C): list them, preview one as PNG. Each is also a filter name:severity=N.")
    {
        List(),
        Preview(),
    };

    public static Command CreateCompositions() => new("compositions", "Compositions of corruptions: the default list of 167, or check your own list before pinning it.")
    {
        ListCompositions(),
        Check(),
    };

    private static Command List()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON (what GET /api/corruptions returns)." };
        var command = new Command("list", "List the corruptions with their severities and reference sets.") { json };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            await using var services = CliHost.Build(parse.GetValue(CliOptions.DataDir));
            var corruptions = await services.GetRequiredService<ISender>().Send(new ListCorruptionsRequest(), cancellationToken);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(corruptions, Json));
                return ExitCodes.Success;
            }

            var text = new StringBuilder();
            foreach (var c in corruptions)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{c.Name,-15} severity 1..{c.MaxSeverity} (default {c.DefaultSeverity})  [{string.Join(", ", c.Sets)}]  {c.Description}");
            }

            Console.Write(text.ToString());
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Preview()
    {
        var name = new Argument<string>("name") { Description = "A corruption or composition, e.g. swirl or invert-swirl." };
        var severity = new Option<int?>("--severity") { Description = "Severity (0 = clean image; default: the corruption's default)." };
        var source = new Option<string>("--source") { Description = "mnist, fashion-mnist, emnist-balanced or cifar10.", DefaultValueFactory = _ => "mnist" };
        var index = new Option<int>("--index") { Description = "Test image index.", DefaultValueFactory = _ => 0 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of random corruptions.", DefaultValueFactory = _ => 0 };
        var output = new Option<string?>("--output", "-o") { Description = "PNG file (default: <name>.png; an existing file is never overwritten)." };
        var command = new Command("preview", "Write one source image after a corruption as PNG.") { name, severity, source, index, seed, output };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            await using var services = CliHost.Build(parse.GetValue(CliOptions.DataDir));
            string corruption = parse.GetValue(name)!;
            var preview = await services.GetRequiredService<ISender>().Send(
                new PreviewCorruptionRequest(corruption, parse.GetValue(severity), parse.GetValue(source)!, parse.GetValue(index), parse.GetValue(seed)), cancellationToken);
            string path = parse.GetValue(output) ?? corruption.Replace(':', '_') + ".png";
            await using (var file = OutputFileName.CreateUnique(path, TimeProvider.System, out string written))
            {
                await file.WriteAsync(preview.Png, cancellationToken);
                path = written;
            }

            await Console.Error.WriteLineAsync($"Wrote {path} ({preview.Width}x{preview.Height}x{preview.Channels}, label {preview.Label}).");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command ListCompositions()
    {
        var seed = new Option<ulong?>("--seed") { Description = "Sampler seed of the default list (default 2778, the reference's number)." };
        var json = new Option<bool>("--json") { Description = "Print JSON with steps and reference names (what GET /api/compositions/default returns)." };
        var sampler = new Option<string>("--sampler") { Description = "keyed (ours, the default list) or python (the reference's procedure with CPython's sampler).", DefaultValueFactory = _ => "keyed" };
        var command = new Command("list", "Print the default 167 compositions, one per line: the text the compositional-benchmark 'compositions' parameter takes.") { seed, json, sampler };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            await using var services = CliHost.Build(parse.GetValue(CliOptions.DataDir));
            var chosen = GetCompositionsHandler.ParseSampler(parse.GetValue(sampler))
                ?? throw new Application.Common.RequestValidationException("sampler", $"Unknown sampler '{parse.GetValue(sampler)}'. Use keyed or python.");
            var list = await services.GetRequiredService<ISender>().Send(
                new GetDefaultCompositionsRequest(parse.GetValue(seed) ?? Domain.Corruptions.Compositions.DefaultCompositions.Seed, chosen), cancellationToken);
            Console.Write(parse.GetValue(json) ? JsonSerializer.Serialize(list, Json) + Environment.NewLine : list.Text);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Check()
    {
        var file = new Argument<string>("file") { Description = "A list of compositions, one per line (or comma separated); '-' reads standard input." };
        var command = new Command("check", "Check and expand a list of compositions; prints the canonical list (exit 2 naming the bad entry).") { file };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            string path = parse.GetValue(file)!;
            string text = path == "-" ? await Console.In.ReadToEndAsync(cancellationToken) : await File.ReadAllTextAsync(path, cancellationToken);
            await using var services = CliHost.Build(parse.GetValue(CliOptions.DataDir));
            var list = await services.GetRequiredService<ISender>().Send(new ParseCompositionsRequest(text), cancellationToken);
            Console.Write(list.Text);
            await Console.Error.WriteLineAsync($"{list.Count} compositions.");
            return ExitCodes.Success;
        }));
        return command;
    }
}
