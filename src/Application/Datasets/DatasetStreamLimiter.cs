using System.Collections.Concurrent;
using DigitForge.Application.Common;
using Microsoft.Extensions.Options;

namespace DigitForge.Application.Datasets;

/// <summary>
/// Caps concurrent bundle streams (<see cref="DatasetOptions.MaxConcurrentStreams"/>) and each client's share of them
/// (<see cref="DatasetOptions.MaxStreamsPerClient"/>), so that one client's slow readers cannot hold every slot
/// (issue 21, finding 3); over either cap, callers get 429 at once rather than a queue.
/// </summary>
public sealed class DatasetStreamLimiter(IOptions<DatasetOptions> options, IRequestClient? client = null)
{
    private readonly int _max = Math.Max(1, options.Value.MaxConcurrentStreams);
    private readonly int _perClient = Math.Clamp(options.Value.MaxStreamsPerClient, 1, Math.Max(1, options.Value.MaxConcurrentStreams));
    private readonly ConcurrentDictionary<string, int> _byClient = new(StringComparer.Ordinal);
    private int _active;

    public int Active => Volatile.Read(ref _active);

    /// <summary>Takes a slot or throws <see cref="DatasetStreamLimitException"/>; dispose the lease to give it back (idempotent).</summary>
    public IDisposable Acquire()
    {
        string key = client?.Id ?? "local";
        if (_byClient.AddOrUpdate(key, 1, (_, n) => n + 1) > _perClient)
        {
            Release(key);
            throw new DatasetStreamLimitException($"This client already streams {_perClient} dataset downloads, its share of the {_max} slots; try again when one ends.");
        }

        if (Interlocked.Increment(ref _active) > _max)
        {
            Interlocked.Decrement(ref _active);
            Release(key);
            throw new DatasetStreamLimitException($"{_max} dataset downloads are already streaming; try again shortly.");
        }

        return new Lease(this, key);
    }

    private void Release(string key)
    {
        // Remove the entry when it reaches zero, so the map holds only clients that are streaming.
        if (_byClient.AddOrUpdate(key, 0, (_, n) => n - 1) <= 0)
        {
            _byClient.TryRemove(new KeyValuePair<string, int>(key, 0));
        }
    }

    private sealed class Lease(DatasetStreamLimiter owner, string key) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Interlocked.Decrement(ref owner._active);
                owner.Release(key);
            }
        }
    }
}
