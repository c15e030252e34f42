using Mediator;

namespace DigitForge.Application.Datasets.DeleteDataset;

/// <summary>
/// Deletes a stored dataset spec: its id then answers 404, and posting the spec again recreates it with the same id.
/// </summary>
public sealed class DeleteDatasetHandler(DatasetCatalog catalog) : IRequestHandler<DeleteDatasetRequest>
{
    public async ValueTask<Unit> Handle(DeleteDatasetRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await HandleAsync(request.Id, cancellationToken);
        return Unit.Value;
    }

    public Task HandleAsync(string id, CancellationToken cancellationToken = default) => catalog.DeleteAsync(id, cancellationToken);
}
