using DigitForge.Application.Experiments.ListKinds;
using Mediator;

namespace DigitForge.Application.Experiments.GetKind;

/// <summary>Describes one registered kind in the listing's format (the registry answers 404 for an unknown name).</summary>
public sealed class GetJobKindHandler(JobKindRegistry registry) : IRequestHandler<GetJobKindRequest, JobKindInfo>
{
    public ValueTask<JobKindInfo> Handle(GetJobKindRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ValueTask.FromResult(ListJobKindsHandler.Describe(registry.Get(request.Kind)));
    }
}
