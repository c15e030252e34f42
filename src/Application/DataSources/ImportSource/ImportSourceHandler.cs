using Mediator;

namespace DigitForge.Application.DataSources.ImportSource;

/// <summary>Imports through the store, which detects the kind of files.</summary>
public sealed class ImportSourceHandler(ISourceStore store) : IRequestHandler<ImportSourceRequest, ImportedSource>
{
    public async ValueTask<ImportedSource> Handle(ImportSourceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await store.ImportAsync(request.Path, request.Source, cancellationToken);
    }
}
