using DigitForge.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DigitForge.Cli.Tests;

/// <summary>
/// A test of the real <c>digitforge</c> command against its own data directory, with the same Application and
/// Infrastructure services the command uses to seed what it reads (runs, artifacts, keys) beforehand.
/// </summary>
public abstract class CliTrackingTest : IDisposable
{
    protected TempDirectory DataDir { get; } = new();

    /// <summary>The command's working directory (where it writes relative output paths).</summary>
    protected TempDirectory WorkDir { get; } = new();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            DataDir.Dispose();
            WorkDir.Dispose();
        }
    }

    private protected Task<CliResult> Run(params string[] args) => CliProcess.RunAsync(WorkDir.Path, null, ["-d", DataDir.Path, .. args]);

    protected ServiceProvider BuildServices()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration["DigitForge:DataDir"] = DataDir.Path;
        builder.AddApplication();
        builder.AddInfrastructure();
        return builder.Services.BuildServiceProvider();
    }
}
