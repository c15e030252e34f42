using DigitForge.Application.Experiments.Compositional;
using DigitForge.Application.Experiments.GetSummary;
using DigitForge.Application.Experiments.Kinds;
using DigitForge.Application.Experiments.ListKinds;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Application.Experiments;

/// <summary>
/// Registers the experiment kinds (singletons with their services injected), the registry over them and the
/// kind-independent use cases (list kinds, result summaries).
/// </summary>
public static class JobKindServices
{
    public static IServiceCollection AddJobKinds(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<JobKindRegistry>();
        // The sweep runs other kinds: it sees the registry lazily, since the registry is built from the kinds.
        services.AddSingleton(sp => new Lazy<JobKindRegistry>(sp.GetRequiredService<JobKindRegistry>));
        services.AddSingleton<ExperimentDatasets>();
        services.AddSingleton<TrackedTraining>();
        services.AddSingleton<ListJobKindsHandler>();
        services.AddSingleton<GetExperimentSummaryHandler>();
        services.AddJobKind<Mnist1DBenchmarkKind>();
        services.AddJobKind<ClassifierKind>();
        services.AddJobKind<SweepKind>();
        services.AddJobKind<GanKind>();
        services.AddSingleton<Gasten.GastenClassifierRuns>();
        services.AddSingleton<Gasten.BinaryPairDatasets>();
        services.AddSingleton<Gasten.FidNetworks>();
        services.AddJobKind<Gasten.GastenClassifierKind>();
        services.AddJobKind<Gasten.GastenKind>();
        services.AddSingleton<Ambiguity.Step2Runs>().AddJobKind<Ambiguity.GastenAmbiguityKind>();
        services.AddSingleton<Ambiguity.AmbiguousImagesGenerator>().AddSingleton<Domain.Datasets.IDatasetGenerator>(sp => sp.GetRequiredService<Ambiguity.AmbiguousImagesGenerator>());
        services.AddSingleton<MixedEffects.ClusteredDatasets>().AddJobKind<MixedEffects.MixedEffectsLocoKind>();
        services.AddJobKind<MixedEffects.MixedEffectsGridKind>();
        services.AddCompositionalRobustness();
        return services;
    }

    /// <summary>One more kind: it shows up in the API, the Launch form and the CLI without any of them naming it.</summary>
    public static IServiceCollection AddJobKind<TKind>(this IServiceCollection services)
        where TKind : class, IJobKind
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddSingleton<IJobKind, TKind>();
    }
}
