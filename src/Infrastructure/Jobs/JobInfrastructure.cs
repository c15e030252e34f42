using DigitForge.Application.Experiments;
using DigitForge.Application.Jobs;
using DigitForge.Infrastructure.Jobs;
using DigitForge.Infrastructure.Plotting;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static class JobInfrastructure
{
    /// <summary>The database job queue, the executor, experiment charts, and (for hosts) the in-process runner.</summary>
    public static IHostApplicationBuilder AddJobInfrastructure(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton<JobSignals>();
        services.AddSingleton<IJobQueue, DatabaseJobStore>();
        services.AddSingleton<JobExecutor>();
        services.AddSingleton<IJobExecution, JobExecution>();
        services.AddSingleton<IExperimentCharts, ExperimentCharts>();
        services.AddSingleton<DigitForge.Application.Experiments.MixedEffects.IMixedEffectsCharts, DigitForge.Infrastructure.Plotting.MixedEffects.MixedEffectsCharts>();
        // After the database initializer (registered earlier): migrations run before the first claim.
        services.AddHostedService<JobRunner>();
        return builder;
    }
}
