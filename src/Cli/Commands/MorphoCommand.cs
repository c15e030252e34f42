using System.CommandLine;
using System.Globalization;
using System.Text;
using DigitForge.Application.Common;
using DigitForge.Application.Morphology.MeasureMorphometrics;
using DigitForge.Cli.Terminal;
using DigitForge.Domain.Morphology;
using DigitForge.Domain.Morphology.Perturbations;
using DigitForge.Domain.Randomness;
using DigitForge.Infrastructure.Data;
using DigitForge.Infrastructure.Encoding;

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
            var images = new List<ImageToMeasure>();
            foreach (string path in parse.GetValue(files)!)
            {
                if (!File.Exists(path))
                {
                    throw new RequestValidationException("files", $"No such file: {path}");
                }

                if (path.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
                {
                    var png = PngDecoder.Decode(await File.ReadAllBytesAsync(path, cancellationToken));
                    images.Add(new ImageToMeasure(Path.GetFileName(path), png.Height, png.Width, png.ToGray()));
                    continue;
                }

                var idx = await IdxReader.ReadImagesAsync(path, cancellationToken);
                int size = idx.Rows * idx.Cols;
                for (int i = 0; i < idx.Count; i++)
                {
                    images.Add(new ImageToMeasure(Path.GetFileName(path), idx.Rows, idx.Cols, idx.Pixels.AsSpan(i * size, size).ToArray()));
                }
            }

            if (parse.GetValue(count) is { } limit && limit < images.Count)
            {
                images.RemoveRange(Math.Max(0, limit), images.Count - Math.Max(0, limit));
            }

            var perturbation = parse.GetValue(perturb) is { } op ? Create(op, null) : null;
            ulong seedValue = parse.GetValue(seed);
            var results = new MeasuredImage[images.Count];
            var progress = images.Count >= 2000 ? CountProgressBar.ForStandardError("measure", images.Count, "images") : null;
            int done = 0;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = parse.GetValue(threads) ?? -1 };
            Parallel.For(0, images.Count, parallel, i =>
            {
                var image = images[i];
                byte[] pixels = perturbation is null
                    ? image.Pixels
                    : MorphoPerturber.Perturb(image.Pixels, image.Height, image.Width, perturbation, KeyedRandom.For(seedValue, (ulong)i)).Pixels;
                results[i] = new MeasuredImage(i, image.Name, MorphometricsCalculator.Measure(pixels, image.Height, image.Width));
                int n = Interlocked.Increment(ref done);
                if (n % 500 == 0)
                {
                    progress?.Report(n);
                }
            });
            progress?.Complete();
            double seconds = clock.Elapsed.TotalSeconds;
            double cpuSeconds = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{(perturbation is null ? "measure" : perturbation.Name + " + measure")}: {images.Count} images, wall {1000 * seconds / Math.Max(1, images.Count):F3} ms/image, cpu {1000 * cpuSeconds / Math.Max(1, images.Count):F3} ms/image"));
            string csv = MorphometricsCsv.Write(results, withNames: true);
            string? target = parse.GetValue(output);
            if (target is null)
            {
                Console.Write(csv);
            }
            else
            {
                await File.WriteAllTextAsync(target, csv, new UTF8Encoding(false), cancellationToken);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{target}: {results.Length} images measured"));
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
            var perturbation = Create(parse.GetValue(op)!, parse.GetValue(value));
            string path = parse.GetValue(input)!;
            if (!File.Exists(path))
            {
                throw new RequestValidationException("input", $"No such file: {path}");
            }

            var png = PngDecoder.Decode(await File.ReadAllBytesAsync(path, cancellationToken));
            var pixels = png.ToGray();
            var outcome = MorphoPerturber.Perturb(pixels, png.Height, png.Width, perturbation, KeyedRandom.For(parse.GetValue(seed)));
            await File.WriteAllBytesAsync(parse.GetValue(output)!, PngEncoder.EncodeGray8(outcome.Pixels, png.Width, png.Height), cancellationToken);
            var before = MorphometricsCalculator.Measure(pixels, png.Height, png.Width);
            var after = MorphometricsCalculator.Measure(outcome.Pixels, png.Height, png.Width);
            Console.WriteLine(outcome.Applied ? $"{parse.GetValue(output)}: {perturbation.Name} applied" : $"{parse.GetValue(output)}: not perturbed ({outcome.Failure})");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"thickness {before.Thickness:F2} -> {after.Thickness:F2}, area {before.Area:F1} -> {after.Area:F1}, slant {before.Slant:F3} -> {after.Slant:F3}, width {before.Width:F2} -> {after.Width:F2}"));
            return outcome.Applied ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return command;
    }

    private static IMorphoPerturbation Create(string op, double? value) => op.ToUpperInvariant() switch
    {
        "THIN" => new Thinning(value ?? Thinning.DefaultAmount),
        "THICK" => new Thickening(value ?? Thickening.DefaultAmount),
        "SWELL" => new Swelling(value ?? Swelling.DefaultStrength),
        "FRACTURE" => new Fracture(Count: (int)(value ?? Fracture.DefaultCount)),
        "SET-THICKNESS" => new SetThickness(value ?? throw Missing(op)),
        "SET-SLANT" => new SetSlant(value ?? throw Missing(op)),
        "SET-WIDTH" => new SetWidth(value ?? throw Missing(op)),
        _ => throw new RequestValidationException("op", $"Unknown operation '{op}'. Use thin, thick, swell, fracture, set-thickness, set-slant or set-width."),
    };

    private static RequestValidationException Missing(string op) => new("value", $"{op} needs --value (the target).");
}
