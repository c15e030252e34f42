using Mediator;

namespace DigitForge.Application.DataSources.GetDataStatus;

/// <summary>Reads the status from the digit source (which files are present) and the store (where).</summary>
public sealed class GetDataStatusHandler(IDigitSource digits, ISourceStore store) : IRequestHandler<GetDataStatusRequest, DataStatus>
{
    public ValueTask<DataStatus> Handle(GetDataStatusRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new DataStatus(store.DataRoot, digits.Status()));
}
