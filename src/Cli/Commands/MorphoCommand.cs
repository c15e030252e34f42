using System.CommandLine;
using System.Globalization;
using System.Text;
using DigitForge.Application.Common;
using DigitForge.Application.Morphology.MeasureMorphometrics;
using DigitForge.Cli.Terminal;
using DigitForge.Application.Morphology.MeasureImageFiles;
using DigitForge.Application.Morphology.PerturbDigit;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Cli.Commands;

/// <summary>
/// <c>digitforge morpho measure FILE... [-o out.csv]</c>: Morpho-MNIST morphometrics of PNG digits or of every image of
/// an IDX file (like the reference's measure_dir.py), in the published CSV layout;
/// <c>digitforge morpho perturb IN.png --op thin|thick|swell|fracture|set-thickness|set-slant|set-width [--value V] [--seed S] -o OUT.png</c>.
/// </summary>
internal static class MorphoCommand
{
    public static Command Create() => new("morpho", "Morpho-MNIST: measure digits (area, length, thickness, slant, width, height) and perturb them.")
    {
        Measure(),
        Perturb(),
    };

    private static Command Measure()
    {
        var files = new Argument<string[]>("files") { Description = "PNG images, or IDX image files (e.g. train-images-idx3-ubyte[.gz]).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--output", "-o") { Description = "CSV file to write (default: standard output)." };
        var perturb = new Option<string?>("--perturb") { Description = "Perturb each image first (thin, thick, swell, fracture) and measure the result, as the dataset scripts do." };
        var seed = new Option<ulong>("--seed", "-s") { Description = "Seed of the perturbations (image i uses stream (seed, i)).", DefaultValueFactory = _ => 0 };
        var count = new Option<int?>("--count") { Description = "Measure only the first N images." };
        var threads = new Option<int?>("--threads") { Description = "Worker threads (default: all cores)." };
        var command = new Command("measure", "Measure digits; CSV columns index,name,area,length,thickness,slant,width,height. Prints the time per image to stderr.")
        {
            files, output, perturb, seed, count, threads,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            await using var services = CliHost.Build(parse.GetValue(CliOptions.DataDir));
            CountProgressBar? progress = null;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            string? perturbation = parse.GetValue(perturb);
            var results = await services.GetRequiredService<ISender>().Send(
                new MeasureImageFilesRequest(parse.GetValue(files)!, perturbation, parse.GetValue(seed), parse.GetValue(count), parse.GetValue(threads))
                {
                    Progress = total => total >= 2000 ? progress = CountProgressBar.ForStandardError("measure", total, "images") : null,
                },
                cancellationToken);
            progress?.Complete();
            clock.Stop();
            double seconds = clock.Elapsed.TotalSeconds;
            double cpuSeconds = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{(perturbation is null ? "measure" : perturbation.ToLowerInvariant() + " + measure")}: {results.Count} images, wall {1000 * seconds / Math.Max(1, results.Count):F3} ms/image, cpu {1000 * cpuSeconds / Math.Max(1, results.Count):F3} ms/image"));
            string csv = MorphometricsCsv.Write(results, withNames: true);
            string? target = parse.GetValue(output);
            if (target is null)
            {
                Console.Write(csv);
            }
            else
            {
                await File.WriteAllTextAsync(target, csv, new UTF8Encoding(false), cancellationToken);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{target}: {results.Count} images measured"));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Perturb()
    {
        var input = new Argument<string>("input") { Description = "A PNG digit (ink bright on dark, as MNIST)." };
        var op = new Option<string>("--op") { Description = "thin, thick, swell, fracture, set-thickness, set-slant or set-width.", Required = true };
        var value = new Option<double?>("--value") { Description = "Amount (thin 0.7, thick 1.0), strength (swell 3), fractures (3), or the target of a set-* op (thickness px, slant radians, width px)." };
        var seed = new Option<ulong>("--seed", "-s") { Description = "Seed of the random choices (swell, fracture); same seed, same bytes.", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--output", "-o") { Description = "PNG file to write.", Required = true };
        var command = new Command("perturb", "Apply one Morpho-MNIST perturbation at 4x and write the 28x28-style result; says why when the image does not allow it.")
        {
            input, op, value, seed, output,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            string path = parse.GetValue(input)!;
            if (!File.Exists(path))
            {
                throw new RequestValidationException("input", $"No such file: {path}");
            }

            await using var services = CliHost.Build(parse.GetValue(CliOptions.DataDir));
            var outcome = await services.GetRequiredService<ISender>().Send(
                new PerturbDigitRequest(await File.ReadAllBytesAsync(path, cancellationToken), parse.GetValue(op)!, parse.GetValue(value), parse.GetValue(seed)),
                cancellationToken);
            await File.WriteAllBytesAsync(parse.GetValue(output)!, outcome.Png, cancellationToken);
            var (before, after) = (outcome.Before, outcome.After);
            Console.WriteLine(outcome.Applied ? $"{parse.GetValue(output)}: {outcome.Name} applied" : $"{parse.GetValue(output)}: not perturbed ({outcome.Failure})");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"thickness {before.Thickness:F2} -> {after.Thickness:F2}, area {before.Area:F1} -> {after.Area:F1}, slant {before.Slant:F3} -> {after.Slant:F3}, width {before.Width:F2} -> {after.Width:F2}"));
            return outcome.Applied ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return command;
    }
}
