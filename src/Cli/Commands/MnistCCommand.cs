using System.CommandLine;
using System.Globalization;
using DigitForge.Application.Corruptions.ExportMnistC;
using DigitForge.Cli.Terminal;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Cli.Commands;

/// <summary>
/// <c>digitforge mnist-c -o mnist_c.zip|DIR</c>: the whole MNIST-C layout (16 directories of train/test .npy files)
/// from the MNIST files in the data directory, as a zip or as files under a directory, with a progress bar on stderr.
/// </summary>
internal static class MnistCCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output", "-o") { Description = "A .zip file (never overwritten: an existing name gets \" (unix seconds)\") or a directory that receives mnist_c/<corruption>/*.npy.", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the random corruptions (row i uses the stream (seed, split, i), as the mnist-c generator).", DefaultValueFactory = _ => 0 };
        var train = new Option<int?>("--train") { Description = "Use only the first N MNIST train images (default: all)." };
        var test = new Option<int?>("--test") { Description = "Use only the first N MNIST test images (default: all)." };
        var command = new Command("mnist-c", "Write MNIST-C (identity + 15 corruptions at MNIST-C's default severities) in its published layout: mnist_c/<corruption>/{train,test}_{images,labels}.npy.")
        {
            output, seed, train, test,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            await using var services = CliHost.Build(parse.GetValue(CliOptions.DataDir));
            var export = await services.GetRequiredService<ISender>().Send(new ExportMnistCRequest(parse.GetValue(seed), parse.GetValue(train), parse.GetValue(test)), cancellationToken);
            string target = parse.GetValue(output)!;
            var bar = CountProgressBar.ForStandardError("mnist-c", export.TotalImages, "images");
            var progress = new SynchronousProgress(done => bar.Report((int)done));
            string written;
            if (target.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                await using (var file = OutputFileName.CreateUnique(target, TimeProvider.System, out written))
                {
                    try
                    {
                        await export.WriteZipAsync(file, progress, cancellationToken);
                    }
                    catch
                    {
                        await file.DisposeAsync();
                        File.Delete(written);
                        throw;
                    }
                }
            }
            else
            {
                written = Path.Combine(target, export.Root);
                await export.WriteDirectoryAsync(target, progress, cancellationToken);
            }

            bar.Complete();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{written} ({export.Corruptions.Count} corruptions, {export.Train.Count:N0} train + {export.Test.Count:N0} test images each)"));
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and could arrive after Complete).</summary>
    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
