using DigitForge.Application.DataSources;
using System.Collections.Concurrent;
using DigitForge.Infrastructure.Data;

namespace DigitForge.IntegrationTests.Data;

/// <summary>Synchronous <see cref="IProgress{T}"/>: Progress&lt;T&gt; posts to the thread pool and would race the asserts.</summary>
internal sealed class RecordingProgress : IProgress<DownloadProgress>
{
    public ConcurrentQueue<DownloadProgress> Reports { get; } = new();

    public void Report(DownloadProgress value) => Reports.Enqueue(value);
}
