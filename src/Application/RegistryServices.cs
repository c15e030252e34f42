using DigitForge.Application.Datasets;
using DigitForge.Domain.Corruptions;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Datasets.Generators;
using DigitForge.Domain.Filters;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The registries as services: each corruption, filter and dataset generator is a registered service
/// (<c>IEnumerable&lt;T&gt;</c>), and its registry is built from them, so adding one is one line here (or a
/// <c>[BuiltInCorruption]</c> / <c>[BuiltInFilter]</c> class) and every front end sees it.
/// </summary>
public static class RegistryServices
{
    /// <summary>Every built-in <see cref="ICorruption"/> and the <see cref="CorruptionRegistry"/> over the registered ones.</summary>
    public static IServiceCollection AddCorruptions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(CorruptionRegistry)))
        {
            return services;
        }

        foreach (var corruption in CorruptionRegistry.BuiltIns)
        {
            services.AddSingleton<ICorruption>(corruption);
        }

        services.AddSingleton(sp => new CorruptionRegistry(sp.GetServices<ICorruption>()));
        return services;
    }

    /// <summary>
    /// Every built-in <see cref="IImageFilter"/> and the <see cref="FilterRegistry"/> over the registered filters plus
    /// one <see cref="CorruptionFilter"/> per registered corruption (so a corruption is also a filter).
    /// </summary>
    public static IServiceCollection AddImageFilters(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddCorruptions();
        foreach (var filter in FilterRegistry.BuiltInFilters)
        {
            services.AddSingleton<IImageFilter>(filter);
        }

        services.TryAddSingleton(sp => new FilterRegistry(
            sp.GetServices<IImageFilter>().Concat(sp.GetRequiredService<CorruptionRegistry>().All.Select(c => new CorruptionFilter(c)))));
        return services;
    }

    /// <summary>The dataset generators, one line each, and the <see cref="GeneratorRegistry"/> over them (in this order).</summary>
    public static IServiceCollection AddDatasetGenerators(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IDatasetGenerator>(sp => new SequenceDatasetGenerator(sp.GetRequiredService<FilterRegistry>()));
        services.AddSingleton<IDatasetGenerator, Mnist1DDatasetGenerator>();
        services.AddSingleton<IDatasetGenerator>(sp => SourceImagesDatasetGenerator.Mnist(sp.GetRequiredService<FilterRegistry>()));
        services.AddSingleton<IDatasetGenerator>(sp => SourceImagesDatasetGenerator.FashionMnist(sp.GetRequiredService<FilterRegistry>()));
        services.AddSingleton<IDatasetGenerator>(sp => new CompositionDatasetGenerator(sp.GetRequiredService<CorruptionRegistry>()));
        services.AddSingleton<IDatasetGenerator>(sp => new CompositionalBenchmarkDatasetGenerator(sp.GetRequiredService<CorruptionRegistry>()));
        services.AddSingleton<IDatasetGenerator, SpiralsDatasetGenerator>();
        services.AddSingleton<IDatasetGenerator>(sp => SourceImagesDatasetGenerator.EmnistBalanced(sp.GetRequiredService<FilterRegistry>()));
        services.AddSingleton<IDatasetGenerator>(sp => SourceImagesDatasetGenerator.Cifar10(sp.GetRequiredService<FilterRegistry>()));
        services.AddSingleton<IDatasetGenerator>(sp => new MnistCDatasetGenerator(sp.GetRequiredService<CorruptionRegistry>()));
        services.AddSingleton<IDatasetGenerator>(_ => MorphoDatasetGenerator.Plain());
        services.AddSingleton<IDatasetGenerator>(_ => MorphoDatasetGenerator.Global());
        services.AddSingleton<IDatasetGenerator>(_ => MorphoDatasetGenerator.Local());
        services.AddSingleton<IDatasetGenerator, MorphoClustersDatasetGenerator>();
        services.AddSingleton<IDatasetGenerator, BinaryPairDatasetGenerator>();
        services.TryAddSingleton(sp => new GeneratorRegistry(sp.GetServices<IDatasetGenerator>()));
        return services;
    }
}
