using Mediator;

namespace DigitForge.Application.DataSources.DownloadSource;

/// <summary>Downloads through the store, which picks the IDX or archive downloader.</summary>
public sealed class DownloadSourceHandler(ISourceStore store) : IRequestHandler<DownloadSourceRequest, DownloadedSource>
{
    public async ValueTask<DownloadedSource> Handle(DownloadSourceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await store.DownloadAsync(request.Source, request.Progress, cancellationToken);
    }
}
