using DigitForge.Application.Datasets.ListGenerators;
using DigitForge.Domain.Datasets;
using Mediator;

namespace DigitForge.Application.Experiments.ListKinds;

/// <summary>Every registered experiment kind with its parameter schema (the generator listing's format).</summary>
public sealed class ListJobKindsHandler(JobKindRegistry registry) : IRequestHandler<ListJobKindsRequest, IReadOnlyList<JobKindInfo>>
{
    public IReadOnlyList<JobKindInfo> Handle() => [.. registry.All.Select(Describe)];

    public ValueTask<IReadOnlyList<JobKindInfo>> Handle(ListJobKindsRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(Handle());

    public static JobKindInfo Describe(IJobKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return new JobKindInfo(
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
