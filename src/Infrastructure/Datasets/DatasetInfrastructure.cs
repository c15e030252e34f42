using DigitForge.Application.Corruptions.ExportMnistC;
using DigitForge.Application.Datasets;
using DigitForge.Application.Datasets.DownloadDataset;
using DigitForge.Infrastructure.Datasets.Bundles;
using DigitForge.Infrastructure.Datasets.MnistC;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DigitForge.Infrastructure.Datasets;

/// <summary>Registers the dataset spec store and the bundle encoders (called by <c>AddInfrastructure</c>).</summary>
public static class DatasetInfrastructure
{
    public static IHostApplicationBuilder AddDatasetInfrastructure(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<JsonFileDatasetStore>();
        builder.Services.AddSingleton<DatabaseDatasetStore>();
        builder.Services.AddSingleton<IDatasetStore>(sp => DatasetCatalogStore.UsesDatabase(sp)
            ? sp.GetRequiredService<DatabaseDatasetStore>()
            : sp.GetRequiredService<JsonFileDatasetStore>());
        builder.Services.AddHostedService<DatasetCatalogStore>();
        builder.Services.AddSingleton<BlockChecksumCache>();
        builder.Services.AddSingleton<IDatasetBundleFactory, DatasetBundleFactory>();
        builder.Services.AddSingleton<IMnistCArchive, MnistCArchiveAdapter>();
        builder.Services.AddSingleton<IRowImageEncoder, RowImageEncoder>();
        return builder;
    }
}
