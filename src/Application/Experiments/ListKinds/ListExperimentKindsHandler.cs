using DigitForge.Application.Datasets.ListGenerators;
using DigitForge.Domain.Datasets;

namespace DigitForge.Application.Experiments.ListKinds;

/// <summary>Every registered experiment kind with its parameter schema (the generator listing's format).</summary>
public sealed class ListExperimentKindsHandler(ExperimentKindRegistry registry)
{
    public IReadOnlyList<ExperimentKindInfo> Handle() => [.. registry.All.Select(Describe)];

    public static ExperimentKindInfo Describe(IExperimentKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return new ExperimentKindInfo(
            kind.Name,
            kind.Description,
            [.. kind.Parameters.Select(p => new ParameterInfo(
                p.Name,
                p.Kind switch
                {
                    ParameterKind.Integer => "integer",
                    ParameterKind.Number => "number",
                    ParameterKind.Boolean => "boolean",
                    ParameterKind.IntegerRange => "integer-range",
                    _ => "string",
                },
                p.Default is IntegerRange r ? new[] { r.Min, r.Max } : p.Default,
                p.Min,
                p.Max,
                p.Kind == ParameterKind.Choice ? p.Choices : null,
                p.Description))],
            kind.DatasetParameters);
    }
}
