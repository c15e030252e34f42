using DigitForge.Application.Common.Pipeline;
using DigitForge.Application.Tracking;
using DigitForge.Application.Tracking.ApiKeys;
using DigitForge.Application.Tracking.ApiKeys.CreateApiKey;
using DigitForge.Application.Tracking.ApiKeys.RevokeApiKey;
using DigitForge.Application.Tracking.Artifacts.DownloadArtifact;
using DigitForge.Application.Tracking.Artifacts.ListArtifacts;
using DigitForge.Application.Tracking.Artifacts.UploadArtifact;
using DigitForge.Application.Tracking.Experiments;
using DigitForge.Application.Tracking.Experiments.CreateExperiment;
using DigitForge.Application.Tracking.Experiments.DeleteExperiment;
using DigitForge.Application.Tracking.Experiments.GetExperiment;
using DigitForge.Application.Tracking.Experiments.ListExperiments;
using DigitForge.Application.Tracking.Experiments.RestoreExperiment;
using DigitForge.Application.Tracking.Images.GetImage;
using DigitForge.Application.Tracking.Images.ListImages;
using DigitForge.Application.Tracking.Images.LogImage;
using DigitForge.Application.Tracking.Metrics.GetMetricHistory;
using DigitForge.Application.Tracking.Runs;
using DigitForge.Application.Tracking.Runs.CreateRun;
using DigitForge.Application.Tracking.Runs.DeleteRun;
using DigitForge.Application.Tracking.Runs.GetRun;
using DigitForge.Application.Tracking.Runs.LogBatch;
using DigitForge.Application.Tracking.Runs.RestoreRun;
using DigitForge.Application.Tracking.Runs.SearchRuns;
using DigitForge.Application.Tracking.Runs.UpdateRun;
using DigitForge.Application.Common.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.Hosting;

public static class TrackingApplicationExtensions
{
    /// <summary>Experiment-tracking use cases; scoped, because they share the request's tracking DbContext.</summary>
    public static IHostApplicationBuilder AddTrackingUseCases(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<TrackingOptions>().Bind(builder.Configuration.GetSection(TrackingOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<RunDetailsLoader>();
        services.AddScoped<CreateExperimentHandler>();
        services.AddScoped<ExperimentNames>();
        services.AddScoped<ListExperimentsHandler>();
        services.AddScoped<GetExperimentHandler>();
        services.AddScoped<CreateRunHandler>();
        services.AddScoped<GetRunHandler>();
        services.AddScoped<UpdateRunHandler>();
        services.AddScoped<LogBatchHandler>();
        services.AddScoped<SearchRunsHandler>();
        services.AddScoped<GetMetricHistoryHandler>();
        services.AddRequestValidator<GetMetricHistoryRequest, GetMetricHistoryValidator>();
        services.AddScoped<LogImageHandler>();
        services.AddScoped<ListImagesHandler>();
        services.AddScoped<GetImageHandler>();
        services.AddScoped<UploadArtifactHandler>();
        services.AddScoped<ListArtifactsHandler>();
        services.AddScoped<DownloadArtifactHandler>();
        services.AddScoped<DeleteRunHandler>();
        services.AddScoped<RestoreRunHandler>();
        services.AddScoped<DeleteExperimentHandler>();
        services.AddScoped<RestoreExperimentHandler>();
        services.AddRequestValidator<CreateApiKeyRequest, CreateApiKeyValidator>();
        services.AddRequestValidator<RevokeApiKeyRequest, RevokeApiKeyValidator>();
        services.AddScoped<ApiKeyVerifier>();
        return builder;
    }
}
