using DigitForge.Application.Experiments.ListKinds;
using Mediator;

namespace DigitForge.Application.Experiments.GetKind;

/// <summary>Describes one registered kind in the listing's format (the registry answers 404 for an unknown name).</summary>
public sealed class GetExperimentKindHandler(ExperimentKindRegistry registry) : IRequestHandler<GetExperimentKindRequest, ExperimentKindInfo>
{
    public ValueTask<ExperimentKindInfo> Handle(GetExperimentKindRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ValueTask.FromResult(ListExperimentKindsHandler.Describe(registry.Get(request.Kind)));
    }
}
