using DigitForge.Application.Common.Pipeline;
using DigitForge.Application.Experiments;
using DigitForge.Application.Jobs;
using DigitForge.Application.Jobs.CancelJob;
using DigitForge.Application.Jobs.FinishJob;
using DigitForge.Application.Jobs.GetJob;
using DigitForge.Application.Jobs.ListJobs;
using DigitForge.Application.Jobs.RecoverJobs;
using DigitForge.Application.Jobs.SubmitJob;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static class JobServices
{
    /// <summary>Experiment kinds and the job use cases (scoped: they share the request's tracking DbContext).</summary>
    public static IHostApplicationBuilder AddJobUseCases(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<JobOptions>().Bind(builder.Configuration.GetSection(JobOptions.SectionName));
        services.AddJobKinds();
        services.AddScoped<SubmitJobHandler>();
        services.AddRequestValidator<SubmitJobRequest, SubmitJobValidator>();
        services.AddScoped<SubmitPreconditions>();
        services.AddScoped<CancelJobHandler>();
        services.AddScoped<GetJobHandler>();
        services.AddScoped<ListJobsHandler>();
        services.AddScoped<FinishJobHandler>();
        services.AddScoped<RecoverOrphanedJobsHandler>();
        services.AddSingleton<DigitForge.Application.Jobs.ChildJobs.ChildJobRunner>();
        return builder;
    }
}
