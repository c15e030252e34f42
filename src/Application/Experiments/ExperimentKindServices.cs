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
public static class ExperimentKindServices
{
    public static IServiceCollection AddExperimentKinds(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<ExperimentKindRegistry>();
        // The sweep runs other kinds: it sees the registry lazily, since the registry is built from the kinds.
        services.AddSingleton(sp => new Lazy<ExperimentKindRegistry>(sp.GetRequiredService<ExperimentKindRegistry>));
        services.AddSingleton<ExperimentDatasets>();
        services.AddSingleton<TrackedTraining>();
        services.AddSingleton<ListExperimentKindsHandler>();
        services.AddSingleton<GetExperimentSummaryHandler>();
        services.AddExperimentKind<Mnist1DBenchmarkKind>();
        services.AddExperimentKind<ClassifierKind>();
        services.AddExperimentKind<SweepKind>();
        services.AddExperimentKind<GanKind>();
        services.AddSingleton<Gasten.GastenClassifierRuns>();
        services.AddSingleton<Gasten.BinaryPairDatasets>();
        services.AddSingleton<Gasten.FidNetworks>();
        services.AddExperimentKind<Gasten.GastenClassifierKind>();
        services.AddExperimentKind<Gasten.GastenKind>();
        services.AddSingleton<Ambiguity.Step2Runs>().AddExperimentKind<Ambiguity.GastenAmbiguityKind>();
        services.AddSingleton<Ambiguity.AmbiguousImagesGenerator>().AddSingleton<Domain.Datasets.IDatasetGenerator>(sp => sp.GetRequiredService<Ambiguity.AmbiguousImagesGenerator>());
        services.AddSingleton<MixedEffects.ClusteredDatasets>().AddExperimentKind<MixedEffects.MixedEffectsLocoKind>();
        services.AddExperimentKind<MixedEffects.MixedEffectsGridKind>();
        services.AddCompositionalRobustness();
        return services;
    }

    /// <summary>One more kind: it shows up in the API, the Launch form and the CLI without any of them naming it.</summary>
    public static IServiceCollection AddExperimentKind<TKind>(this IServiceCollection services)
        where TKind : class, IExperimentKind
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddSingleton<IExperimentKind, TKind>();
    }
}
