using DigitForge.Application.Common;
using DigitForge.Application.DataSources;
using DigitForge.Application.Training;
using DigitForge.Application.Training.Tasks;
using DigitForge.Infrastructure.Data;
using DigitForge.Infrastructure.Datasets;
using DigitForge.Infrastructure.Encoding;
using DigitForge.Infrastructure.Plotting;
using DigitForge.Infrastructure.Training;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static class InfrastructureServiceCollectionExtensions
{
    /// <summary>Data directory, IDX digit source, verified download and offline import, the training engine.</summary>
    public static IHostApplicationBuilder AddInfrastructure(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.Configure<DataDirectoryOptions>(builder.Configuration.GetSection(DataDirectoryOptions.SectionName));
        services.Configure<MnistDownloadOptions>(builder.Configuration.GetSection(MnistDownloadOptions.SectionName));

        services.AddSingleton<IdxDigitSource>();
        services.AddSingleton<IDigitSource>(sp => sp.GetRequiredService<IdxDigitSource>());
        services.AddSingleton<ISourceStore, SourceStore>();
        services.AddSingleton<IImageFileEncoder, PooledImageFileEncoder>();
        services.AddSingleton<IPngCodec, PngCodec>();
        services.AddSingleton<DigitForge.Application.Morphology.IDigitImageFiles, DigitImageFiles>();
        services.AddPlotting();
        services.AddSingleton<DigitForge.Application.Mnist1D.IMnist1DFileWriter, DigitForge.Infrastructure.Mnist1D.Mnist1DFileWriter>();
        services.AddTransient<DataImporter>();
        // No automatic decompression: size and SHA-256 are checked on the bytes as served (.gz).
        services.AddHttpClient<MnistDownloader>();
        services.AddTransient<ArchiveImporter>();
        services.AddTransient<DigitForge.Infrastructure.Data.FaceScrub.FaceScrubImporter>();
        services.AddHttpClient<ArchiveDownloader>();
        builder.AddTrackingPersistence();
        builder.AddDatasetInfrastructure();

        // The libtorch engine loads lazily: without the native library the service starts and training reports how to build it.
        services.Configure<EngineOptions>(builder.Configuration.GetSection(EngineOptions.SectionName));
        services.AddSingleton<ITrainer, LibTorchTrainer>();
        services.AddSingleton<ITrainingTaskRunner, LibTorchTaskRunner>();
        builder.AddJobInfrastructure();
        return builder;
    }
}
