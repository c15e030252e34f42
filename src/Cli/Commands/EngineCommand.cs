using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DigitForge.Application.Training;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Cli.Commands;

/// <summary><c>digitforge engine [--json]</c>: the training engine's versions, library path and devices.</summary>
internal static class EngineCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print as JSON." };
        var command = new Command("engine", "Show the training engine (libtorch) and the devices it sees; exit 5 when it is not installed.") { json };
        command.SetAction((parse, _) => CommandRunner.RunAsync(async () =>
        {
            await using var services = CliHost.Build(parse.GetValue(CliOptions.DataDir));
            // A missing engine is TrainingEngineUnavailableException: CommandRunner answers exit 5 with how to build it.
            EngineInfo info = services.GetRequiredService<ITrainer>().Describe();

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(info, Json));
                return ExitCodes.Success;
            }

            Console.WriteLine($"engine {info.EngineVersion} (ABI {info.AbiVersion}) on libtorch {info.TorchVersion}: {info.LibraryPath}");
            Console.WriteLine($"cpu: {info.CpuName} ({info.CpuThreads} threads)");
            Console.WriteLine($"blas: {info.BlasLibrary ?? "the system's libblas.so.3"}");
            Console.WriteLine(info.CudaAvailable
                ? string.Create(CultureInfo.InvariantCulture,
                    $"cuda: {info.CudaDeviceName} ({info.CudaDeviceCount} device(s), {Gib(info.CudaFreeMemory)} of {Gib(info.CudaTotalMemory)} GiB free)")
                : "cuda: not available");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Gib(long? bytes) =>
        bytes is { } b ? (b / (1024.0 * 1024 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) : "?";
}
