namespace DigitForge.ScaleTests;

/// <summary>
/// The cluster of the multi-process test: PostgreSQL, s3rver, two API processes and three <c>digitforge worker</c>
/// processes, each with its own data directory. Started once for the test class; null with a reason when it cannot run.
/// </summary>
public sealed class MultiProcessFixture : IAsyncLifetime
{
    public const int HeavyBurst = 5;

    public ScaleCluster? Cluster { get; private set; }

    public string? SkipReason { get; private set; }

    public ApiProcess Api1 { get; private set; } = null!;

    public ApiProcess Api2 { get; private set; } = null!;

    public IReadOnlyList<ServiceProcess> Workers { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Cluster = ScaleCluster.Start(out string? skip);
        SkipReason = skip;
        if (Cluster is null)
        {
            return;
        }

        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // Reads need a key or the sign-in cookie, so the cookie test has something to prove.
            ["DigitForge__Tracking__PublicReads"] = "false",
            // A small heavy-request bucket (refilled 1/s), so the per-replica limit test reaches it in a few requests.
            ["DigitForge__RateLimits__HeavyBurst"] = HeavyBurst.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DigitForge__RateLimits__HeavyTokensPerSecond"] = "1",
        };

        // The first API migrates the empty database alone; the others start on the migrated schema side by side.
        Api1 = await Cluster.StartApiAsync("api-1", settings);
        var api2 = Cluster.StartApiAsync("api-2", settings);
        var workers = Enumerable.Range(1, 3).Select(i => Cluster.StartWorkerAsync($"worker-{i}")).ToList();
        Api2 = await api2;
        Workers = await Task.WhenAll(workers);
    }

    public Task DisposeAsync()
    {
        Cluster?.Dispose();
        return Task.CompletedTask;
    }
}
