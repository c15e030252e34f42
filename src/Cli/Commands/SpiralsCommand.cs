using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DigitForge.Application.Common.Parameters;
using DigitForge.Application.Spirals.PlotSpirals;
using DigitForge.Domain.Datasets.Generators;
using DigitForge.Domain.Spirals;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Cli.Commands;

/// <summary>
/// <c>digitforge spirals plot [--clusters N ... the reference's arguments ...] [--seed N] [-o spirals.png]</c> or
/// <c>digitforge spirals plot --dataset ID [--split test]</c>: the per-cluster scatter plot of ARMED spirals as a PNG.
/// The data itself comes from <c>digitforge dataset download</c> with a <c>spirals</c> spec.
/// </summary>
internal static class SpiralsCommand
{
    public const string DefaultOutput = "spirals.png";

    private static readonly string[] ParameterNames =
    [
        SpiralArgumentNames.Clusters, SpiralArgumentNames.PointsPerCluster, SpiralArgumentNames.RadiusSd, SpiralArgumentNames.Noise,
        SpiralArgumentNames.Degrees, SpiralArgumentNames.Classes, SpiralArgumentNames.ConfoundSd, SpiralArgumentNames.ConfoundedVars,
        SpiralArgumentNames.FalseNegatives,
    ];

    public static Command Create() => new("spirals", "ARMED spirals with cluster random effects (the data: `digitforge dataset download` with a spirals spec).")
    {
        Plot(),
    };

    private static Command Plot()
    {
        var generator = new SpiralsDatasetGenerator();
        var options = ParameterNames.ToDictionary(
            name => name,
            name => new Option<string?>("--" + name.Replace('_', '-'), name.Contains('_', StringComparison.Ordinal) ? ["--" + name] : [])
            {
                Description = $"{generator.Parameters.Single(p => p.Name == name).Description} (default {JsonSerializer.Serialize(generator.Parameters.Single(p => p.Name == name).Default)}).",
            });
        var seed = new Option<string?>("--seed") { Description = "Seed (default 8, the reference's --random_seed)." };
        var dataset = new Option<string?>("--dataset") { Description = "Plot a stored spirals dataset by id instead (its spec fixes the parameters)." };
        var split = new Option<string?>("--split") { Description = "With --dataset: the split to plot (default its first)." };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Output PNG. An existing file is never overwritten: the name gets \" (unix seconds)\".",
            DefaultValueFactory = _ => DefaultOutput,
        };
        var command = new Command("plot", "Write a PNG scatter plot of a spiral dataset: one panel per cluster (titled with its radius), points coloured by class.")
        {
            seed, dataset, split, output,
        };
        foreach (var option in options.Values)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            await using var services = CliHost.Build(parse.GetValue(CliOptions.DataDir));
            var given = options.Where(o => parse.GetValue(o.Value) is not null).ToDictionary(o => o.Key, o => parse.GetValue(o.Value)!);
            ulong? parsedSeed = ParameterText.OptionalUInt64("seed", parse.GetValue(seed));

            var plot = await services.GetRequiredService<ISender>().Send(new PlotSpiralsRequest(parse.GetValue(dataset), parse.GetValue(split), given, parsedSeed), cancellationToken);
            var (scatter, png) = (plot.Scatter, plot.Png);
            string written;
            await using (var file = OutputFileName.CreateUnique(parse.GetValue(output)!, TimeProvider.System, out written))
            {
                await file.WriteAsync(png, cancellationToken);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{written}: {scatter.Count:N0} points of the {scatter.Split} split in {scatter.ClusterCount} clusters ({png.Length:N0} bytes)"));
            return ExitCodes.Success;
        }));
        return command;
    }
}
