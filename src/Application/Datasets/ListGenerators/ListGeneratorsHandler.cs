using DigitForge.Domain.Datasets;
using Mediator;

namespace DigitForge.Application.Datasets.ListGenerators;

/// <summary>Every registered generator with its parameters, defaults, ranges and splits.</summary>
/// <remarks>Default splits are fitted to the source images at hand (an offline MNIST import has fewer than the official files).</remarks>
public sealed class ListGeneratorsHandler(GeneratorRegistry registry, DataSources.SourceInventory? inventory = null)
    : IRequestHandler<ListGeneratorsRequest, IReadOnlyList<GeneratorInfo>>
{
    public IReadOnlyList<GeneratorInfo> Handle() => [.. registry.All.Select(g => Describe(g, inventory))];

    public ValueTask<IReadOnlyList<GeneratorInfo>> Handle(ListGeneratorsRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(Handle());

    public static GeneratorInfo Describe(IDatasetGenerator generator) => Describe(generator, inventory: null);

    private static GeneratorInfo Describe(IDatasetGenerator generator, DataSources.SourceInventory? inventory)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var defaults = inventory is null
            ? generator.DefaultSplits
            : generator.DefaultSplitsFor(ParameterValues.WithDefaults(generator.Parameters), inventory.Count, inventory.ClassCounts);
        return new GeneratorInfo(
            generator.Name,
            generator.Version,
            generator.Description,
            [.. generator.Parameters.Select(p => new ParameterInfo(
                p.Name,
                TypeName(p.Kind),
                p.Default is IntegerRange r ? new[] { r.Min, r.Max } : p.Default,
                p.Min,
                p.Max,
                p.Kind == ParameterKind.Choice ? p.Choices : null,
                p.Description))],
            generator.SplitNames,
            defaults.ToDictionary(s => s.Name, s => s.Rows, StringComparer.Ordinal),
            generator.DefaultSeed,
            generator.MaxSeed);
    }

    private static string TypeName(ParameterKind kind) => kind switch
    {
        ParameterKind.Integer => "integer",
        ParameterKind.Number => "number",
        ParameterKind.Boolean => "boolean",
        ParameterKind.IntegerRange => "integer-range",
        _ => "string",
    };
}
