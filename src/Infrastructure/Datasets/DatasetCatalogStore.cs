using DigitForge.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DigitForge.Infrastructure.Datasets;

/// <summary>
/// Chooses where the dataset catalog lives (<see cref="Setting"/>: <c>auto</c> = the tracking database when it is
/// PostgreSQL, where several replicas share it, else files in the data directory; or <c>files</c> / <c>database</c>),
/// and at start copies spec files an earlier version wrote into the database, so switching loses no dataset.
/// Runs after the tracking database's migration (registered after it).
/// </summary>
public sealed class DatasetCatalogStore(IServiceProvider services, ILogger<DatasetCatalogStore> logger) : IHostedService
{
    public const string Setting = "DigitForge:Datasets:Catalog";

    public static bool UsesDatabase(IServiceProvider services) =>
        services.GetRequiredService<TrackingDatabase>().HoldsSharedState(services.GetRequiredService<IConfiguration>(), Setting, "files");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!UsesDatabase(services))
        {
            return;
        }

        string folder = services.GetRequiredService<JsonFileDatasetStore>().Directory;
        int imported = await services.GetRequiredService<DatabaseDatasetStore>().ImportFilesAsync(folder, cancellationToken);
        if (imported > 0)
        {
            logger.LogInformation("Copied {Count} dataset specs from {Folder} into the tracking database", imported, folder);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
