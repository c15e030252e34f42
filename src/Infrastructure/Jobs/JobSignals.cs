using System.Collections.Concurrent;

namespace DigitForge.Infrastructure.Jobs;

/// <summary>
/// In-process wake-ups: a submission wakes the runner at once, and a cancel reaches a job running in this process
/// without waiting for its heartbeat. Other processes learn both from the database (poll, heartbeat).
/// </summary>
public sealed class JobSignals : IDisposable
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _work = new(0, int.MaxValue);

    public void Enqueued() => _work.Release();

    /// <summary>Waits until something was enqueued here or <paramref name="timeout"/> passed.</summary>
    public async Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _work.WaitAsync(timeout, cancellationToken);
        while (_work.CurrentCount > 0 && _work.Wait(0, CancellationToken.None))
        {
            // Several submissions wake the runner once; it claims until the queue is empty.
        }
    }

    public void Dispose() => _work.Dispose();

    public void Register(string jobId, CancellationTokenSource cancellation) => _running[jobId] = cancellation;

    public void Unregister(string jobId) => _running.TryRemove(jobId, out _);

    public bool IsRunningHere(string jobId) => _running.ContainsKey(jobId);

    /// <summary>Every job executing in this process: the runner's, a CLI's own, and the children a parent job runs itself.</summary>
    public IReadOnlyCollection<string> RunningHere => [.. _running.Keys];

    public void CancelRequested(string jobId)
    {
        if (_running.TryGetValue(jobId, out var cancellation))
        {
            try
            {
                cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // It ended meanwhile.
            }
        }
    }
}
