using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using DigitForge.Application.Common.Observability;
using DigitForge.Application.Datasets;
using DigitForge.Application.Training;
using DigitForge.Domain.Jobs;
using DigitForge.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DigitForge.Infrastructure.Observability;

/// <summary>
/// Gauges whose values live elsewhere: the job queue by state (the shared database, so every replica reports the
/// same global depth — scale workers on it), the bundle streams open in this process, and the engine this process
/// trains with. Gauge callbacks run on the scrape thread and must not wait on a database, so the queue is sampled in
/// the background every <see cref="TelemetryOptions.SampleInterval"/> and the callbacks read the last sample.
/// </summary>
internal sealed class ProductGauges : BackgroundService
{
    private static readonly JobStatus[] States = Enum.GetValues<JobStatus>();

    private readonly IServiceScopeFactory _scopes;
    private readonly ITrainer _trainer;
    private readonly TelemetryOptions _options;
    private readonly ILogger<ProductGauges> _logger;
    private Dictionary<JobStatus, int> _queue = [];
    private EngineInfo? _engine;

    // Instruments are created once per process: a second instrument of the same name on the meter would be ignored
    // by the SDK. Each host's sampler registers itself; the callbacks report the live samplers (one in a real process,
    // several only where tests start several hosts in one process, whose values then add up).
    private static readonly ConcurrentDictionary<ProductGauges, byte> Live = new();
    private static readonly object[] Instruments =
    [
        DigitForgeTelemetry.Meter.CreateObservableGauge("digitforge.jobs.queue.depth", ReadQueue, "{job}", "Jobs in the shared queue by state (global: every replica reports the same)."),
        DigitForgeTelemetry.Meter.CreateObservableGauge("digitforge.datasets.streams.active", () => Live.Keys.Sum(g => g._streams.Active), "{stream}", "Dataset bundle downloads streaming from this process."),
        DigitForgeTelemetry.Meter.CreateObservableGauge("digitforge.engine.cuda.devices", () => Live.Keys.Select(g => g._engine?.CudaDeviceCount ?? 0).DefaultIfEmpty(0).Max(), "{device}", "CUDA devices the engine sees (0: CPU only or engine not installed)."),
        DigitForgeTelemetry.Meter.CreateObservableGauge("digitforge.engine.cuda.memory.used", () => Live.Keys.Take(1).SelectMany(g => g.ReadGpuMemory()), "By", "GPU memory in use on the engine's device, as CUDA reports it."),
        DigitForgeTelemetry.Meter.CreateObservableGauge("digitforge.engine.info", () => Live.Keys.Take(1).SelectMany(g => g.ReadEngineInfo()), null, "1, with the engine's versions and device as attributes."),
    ];

    private readonly DatasetStreamLimiter _streams;

    public ProductGauges(IServiceScopeFactory scopes, DatasetStreamLimiter streams, ITrainer trainer, IOptions<TelemetryOptions> options, ILogger<ProductGauges> logger)
    {
        _scopes = scopes;
        _streams = streams;
        _trainer = trainer;
        _options = options.Value;
        _logger = logger;
        GC.KeepAlive(Instruments);
        Live.TryAdd(this, 0);
    }

    public override void Dispose()
    {
        Live.TryRemove(this, out _);
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.SampleInterval);
        do
        {
            await SampleAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TrackingDbContext>();
            var counts = await db.Jobs.GroupBy(j => j.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            Volatile.Write(ref _queue, counts.ToDictionary(c => c.Status, c => c.Count));
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // The database may be restarting or not yet migrated; the gauge keeps its last value.
            _logger.LogDebug(ex, "Could not sample the job queue");
        }

        try
        {
            _engine = _trainer.Describe();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _engine = null; // not installed here: the gauges say 0 devices and no info
        }
    }

    private static IEnumerable<Measurement<int>> ReadQueue()
    {
        var samples = Live.Keys.Select(g => Volatile.Read(ref g._queue)).ToList();
        foreach (var state in States)
        {
            yield return new(samples.Sum(q => q.GetValueOrDefault(state)), new KeyValuePair<string, object?>("state", JobRules.Format(state)));
        }
    }

    private IEnumerable<Measurement<long>> ReadGpuMemory()
    {
        if (_engine is { CudaTotalMemory: long total, CudaFreeMemory: long free })
        {
            yield return new(total - free, new KeyValuePair<string, object?>("device", _engine.CudaDeviceName));
        }
    }

    private IEnumerable<Measurement<int>> ReadEngineInfo()
    {
        if (_engine is { } e)
        {
            yield return new(1,
                new KeyValuePair<string, object?>("engine_version", e.EngineVersion),
                new KeyValuePair<string, object?>("torch_version", e.TorchVersion),
                new KeyValuePair<string, object?>("device", e.CudaAvailable ? e.CudaDeviceName ?? "cuda" : "cpu"),
                new KeyValuePair<string, object?>("cpu_threads", e.CpuThreads));
        }
    }
}
