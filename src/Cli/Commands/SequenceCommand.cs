using System.CommandLine;
using DigitForge.Application.Common;
using DigitForge.Application.DataSources;
using DigitForge.Application.Sequences.GenerateSequence;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Cli.Commands;

/// <summary>
/// <c>digitforge sequence 498127 [-o out.png] [-w WIDTH] [-s min,max] [-e] [-f blur,distort] [--seed N]</c>:
/// the reference CLI, plus a seed, a source and NPY output.
/// </summary>
internal static class SequenceCommand
{
    public const string DefaultOutput = "mnist_numbers_sequence.png";

    public static Command Create()
    {
        var digits = new Argument<string>("digits") { Description = "Digits to draw, left to right, e.g. 498127." };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Output file (.png or .npy). An existing file is never overwritten: the name gets \" (unix seconds)\".",
            DefaultValueFactory = _ => DefaultOutput,
        };
        var width = new Option<int?>("--image-width", "--image_width", "-w") { Description = "Image width in pixels (0 or omitted: n*28 + (n-1)*min)." };
        var spacing = new Option<string?>("--spacing", "-s") { Description = "Gap between digits in pixels, \"min,max\" (default 0,0)." };
        var evenly = new Option<bool>("--evenly", "-e") { Description = "Evenly mode: integer digit widths and gaps that sum to the width." };
        var filters = new Option<string?>("--filters", "-f") { Description = "Comma-separated filters, applied in order: blur (sigma 1), distort (alpha 18), or name:key=value." };
        var seed = new Option<string?>("--seed") { Description = "Seed for reproducible output (same seed, same bytes)." };
        var source = new Option<string?>("--source") { Description = "Digit source: mnist (default) or fashion-mnist." };

        var command = new Command("sequence", "Render a sequence of real MNIST digits as a PNG (or NPY) image.")
        {
            digits, output, width, spacing, evenly, filters, seed, source,
        };

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            string outputPath = parse.GetValue(output)!;
            int? requestedWidth = parse.GetValue(width) is { } w and not 0 ? w : null;
            var request = SequenceInputParser.Parse(
                parse.GetValue(digits),
                parse.GetValue(spacing),
                requestedWidth?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                parse.GetValue(evenly) ? "true" : null,
                CliFilterDefaults.Apply(parse.GetValue(filters)),
                parse.GetValue(seed),
                parse.GetValue(source)) with { Format = ImageFileFormats.FromExtension(outputPath) };

            await using var services = CliHost.Build(parse.GetValue(CliOptions.DataDir));
            var sender = services.GetRequiredService<ISender>();
            SequenceImage image;
            try
            {
                image = await sender.Send(request, cancellationToken);
            }
            catch (DataSourceUnavailableException) when (DataBootstrap.CanDownload(services, request.Source))
            {
                // Like the reference CLI: missing digits are downloaded (once the request was found valid), then drawn.
                await DataBootstrap.DownloadAsync(services, request.Source, cancellationToken);
                image = await sender.Send(request, cancellationToken);
            }

            using (image)
            {
                await using var stream = OutputFileName.CreateUnique(outputPath, TimeProvider.System, out string written);
                await stream.WriteAsync(image.File!.Content, cancellationToken);
                Console.WriteLine($"{written} ({image.Width}x{image.Height})");
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
