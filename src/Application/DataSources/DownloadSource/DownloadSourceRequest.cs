using Mediator;

namespace DigitForge.Application.DataSources.DownloadSource;

/// <summary>Download a source from the configured mirrors, verify size and SHA-256, store atomically.</summary>
public sealed record DownloadSourceRequest(string Source) : IRequest<DownloadedSource>
{
    /// <summary>Receives each file's bytes as they arrive.</summary>
    public IProgress<DownloadProgress>? Progress { get; init; }
}
