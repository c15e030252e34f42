using DigitForge.Application.Datasets.CreateDataset;
using DigitForge.Application.Datasets.DownloadDataset;
using DigitForge.Application.Datasets.GetDataset;
using DigitForge.Application.Datasets.GetRows;
using DigitForge.Application.Datasets.ListGenerators;
using DigitForge.Application.Datasets.Specs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DigitForge.Application.Datasets;

/// <summary>Registers the dataset registry, limits and use cases (called by <c>AddApplication</c>).</summary>
public static class DatasetServices
{
    public static IHostApplicationBuilder AddDatasetUseCases(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<DatasetOptions>().Bind(builder.Configuration.GetSection(DatasetOptions.SectionName));
        services.AddDatasetGenerators();
        services.AddSingleton<DataSources.SourceInventory>();
        services.AddSingleton<DatasetSpecResolver>();
        services.AddSingleton<DatasetCatalog>();
        services.AddSingleton<DatasetInstances>();
        services.AddSingleton<DatasetStreamLimiter>();
        services.TryAddSingleton<Common.IRequestClient, Common.LocalRequestClient>();
        services.AddSingleton<CreateDatasetHandler>();
        services.AddSingleton<DeleteDataset.DeleteDatasetHandler>();
        services.AddSingleton<GetDatasetHandler>();
        services.AddSingleton<ListDatasets.ListDatasetsHandler>();
        services.AddSingleton<ListGeneratorsHandler>();
        services.AddSingleton<GetRowsHandler>();
        services.AddSingleton<DownloadDatasetHandler>();
        return builder;
    }
}
