using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using DigitForge.Application.Common;
using DigitForge.Application.Mnist1D;
using DigitForge.Application.Mnist1D.ExportMnist1D;
using DigitForge.Application.Mnist1D.GenerateMnist1D;
using Mediator;
using DigitForge.Cli.Terminal;
using Microsoft.Extensions.DependencyInjection;
using Names = DigitForge.Domain.Mnist1D.Mnist1DArgumentNames;

namespace DigitForge.Cli.Commands;

/// <summary>
/// <c>digitforge mnist1d [--num-samples N ... every argument of the reference ...] [--mode reference|keyed] [-o out.npz|out.json]</c>:
/// the reference's <c>make_dataset(args)</c>; the defaults write the published dataset. Options take the reference's
/// names with dashes or with underscores, so settings copy over from Python.
/// </summary>
internal static class Mnist1DCommand
{
    /// <summary>The reference caches its dataset as mnist1d_data.pkl; we write the same name as .npz.</summary>
    public const string DefaultOutput = "mnist1d_data.npz";

    /// <summary>Smaller sets finish in well under a second, where a bar would only flicker.</summary>
    public const int ProgressThreshold = 50_000;

    public static Command Create()
    {
        var numSamples = Text(Names.NumSamples, "Total samples, rounded down to a multiple of 10 (default 5000).");
        var trainSplit = Text(Names.TrainSplit, "Fraction of samples in x/y, the rest in x_test/y_test (default 0.8).");
        var templateLength = Text(Names.TemplateLength, "template_len; the dilated length is template_len + padding max (default 12).");
        var padding = Text(Names.Padding, "Zeros appended before dilation, min,max (default 36,60).");
        var scale = Text(Names.ScaleCoefficient, "Amplitude factor 1 + scale_coeff*(u - 0.5) (default 0.4).");
        var translation = Text(Names.MaxTranslation, "Circular shift, uniform in [0, max_translation) (default 48).");
        var corrNoise = Text(Names.CorrelatedNoiseScale, "Std of the smoothed background noise before smoothing (default 0.25).");
        var iidNoise = Text(Names.IidNoiseScale, "Std of the white noise added everywhere (default 0.02).");
        var shear = Text(Names.ShearScale, "Tilt slope shear_scale*(u - 0.5) (default 0.75).");
        var shuffle = new Option<bool>(Dashed(Names.ShuffleSequence), Aliases(Names.ShuffleSequence))
        {
            Description = "Permute the columns with one fixed permutation (default false).",
        };
        var length = Text(Names.FinalSequenceLength, "Points per signal (default 40).");
        var seed = Text(Names.Seed, "np.random.seed value in [0, 2^32 - 1] (default 42).");
        var mode = new Option<string?>("--mode", "-m")
        {
            Description = "reference (default): exactly the reference's values; keyed: parallel, different but statistically equivalent values.",
        };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Output file, .npz (numpy.load) or .json. An existing file is never overwritten: the name gets \" (unix seconds)\".",
            DefaultValueFactory = _ => DefaultOutput,
        };

        var command = new Command("mnist1d", "Generate an MNIST-1D dataset (greydanus/mnist1d); the defaults give the published dataset.")
        {
            numSamples, trainSplit, templateLength, padding, scale, translation, corrNoise, iidNoise, shear, shuffle, length, seed, mode, output,
        };

        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            string outputPath = parse.GetValue(output)!;
            var format = Mnist1DFormats.FileFormatFromExtension(outputPath)
                ?? throw new RequestValidationException("output", $"Use a .npz or .json file name, got '{outputPath}'.");
            var request = Mnist1DInputParser.Parse(new Mnist1DTextInput
            {
                NumSamples = parse.GetValue(numSamples),
                TrainSplit = parse.GetValue(trainSplit),
                TemplateLength = parse.GetValue(templateLength),
                Padding = parse.GetValue(padding),
                ScaleCoefficient = parse.GetValue(scale),
                MaxTranslation = parse.GetValue(translation),
                CorrelatedNoiseScale = parse.GetValue(corrNoise),
                IidNoiseScale = parse.GetValue(iidNoise),
                ShearScale = parse.GetValue(shear),
                ShuffleSequence = parse.GetValue(shuffle) ? "true" : null,
                FinalSequenceLength = parse.GetValue(length),
                Seed = parse.GetValue(seed),
                Mode = parse.GetValue(mode),
            });

            await using var services = CliHost.Build(parse.GetValue(CliOptions.DataDir));
            int samples = request.Arguments.EffectiveSampleCount;
            var progress = samples >= ProgressThreshold
                ? CountProgressBar.ForStandardError("mnist1d", samples, "samples")
                : null;
            var clock = Stopwatch.StartNew();
            var export = await services.GetRequiredService<ISender>().Send(new ExportMnist1DRequest(request, format) { Progress = progress }, cancellationToken);
            var data = export.Data!;
            string written = await WriteAsync(outputPath, export, cancellationToken);
            progress?.Complete();

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{written}: x ({data.TrainCount}, {data.SequenceLength}), x_test ({data.TestCount}, {data.SequenceLength}), " +
                $"{Mnist1DInputParser.ModeName(data.Mode)} mode, {clock.Elapsed.TotalSeconds:F2} s"));
            return ExitCodes.Success;
        }));
        return command;
    }

    // Writes next to any existing file rather than over it, and removes a half-written file if generation fails.
    private static async Task<string> WriteAsync(string path, Mnist1DExport export, CancellationToken cancellationToken)
    {
        string written;
        var stream = OutputFileName.CreateUnique(path, TimeProvider.System, out written);
        try
        {
            await using (stream)
            {
                await export.WriteAsync(stream, cancellationToken);
            }

            return written;
        }
        catch
        {
            File.Delete(written);
            throw;
        }
    }

    // --num-samples and --num_samples: the CLI's dashed style and the reference's own spelling.
    private static Option<string?> Text(string referenceName, string description) =>
        new(Dashed(referenceName), Aliases(referenceName)) { Description = description };

    private static string[] Aliases(string referenceName) =>
        referenceName.Contains('_', StringComparison.Ordinal) ? ["--" + referenceName] : [];

    private static string Dashed(string referenceName) => "--" + referenceName.Replace('_', '-');
}
