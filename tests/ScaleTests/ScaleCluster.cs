using System.Diagnostics;
using System.Globalization;
using DigitForge.TestSupport;

namespace DigitForge.ScaleTests;

/// <summary>
/// PostgreSQL, an S3-compatible server (npm s3rver) and DigitForge OS processes that share nothing else: every API and
/// worker gets a data directory of its own, and they meet only in the database and the bucket.
/// </summary>
public sealed class ScaleCluster : IDisposable
{
    public const string ApiKey = "scale-test-key";

    private readonly TempDirectory _root = new("digitforge-scale");
    private readonly List<ServiceProcess> _processes = [];
    private readonly string _database;
    private readonly string _bucket = "scale-" + Guid.NewGuid().ToString("N")[..12];

    private ScaleCluster(PostgresServer postgres, S3Server s3)
    {
        Postgres = postgres;
        S3 = s3;
        _database = postgres.CreateDatabase();
    }

    public PostgresServer Postgres { get; }

    public S3Server S3 { get; }

    /// <summary>Why the cluster cannot start here, or null. Checked before anything is started.</summary>
    public static string? SkipReason()
    {
        if (BuiltBinaries.Missing() is { } missing)
        {
            return missing;
        }

        return null;
    }

    /// <summary>A cluster, or null with <paramref name="skip"/> set when PostgreSQL or node/s3rver are missing (and skipping was asked for).</summary>
    public static ScaleCluster? Start(out string? skip)
    {
        skip = SkipReason();
        if (skip is not null)
        {
            return null;
        }

        var postgres = PostgresServer.Start();
        if (postgres is null)
        {
            skip = PostgresServer.SkipReason;
            return null;
        }

        S3Server? s3;
        try
        {
            s3 = S3Server.Start();
        }
        catch
        {
            postgres.Dispose();
            throw;
        }

        if (s3 is null)
        {
            postgres.Dispose();
            skip = S3Server.SkipReason;
            return null;
        }

        return new ScaleCluster(postgres, s3);
    }

    /// <summary>Settings every process shares: the database, the bucket, the queue's timings.</summary>
    private Dictionary<string, string> Common(string name) => new(StringComparer.Ordinal)
    {
        ["DigitForge__DataDir"] = Directory.CreateDirectory(Path.Combine(_root.Path, name)).FullName,
        ["ConnectionStrings__DigitForge"] = _database,
        ["DigitForge__Artifacts__Store"] = "s3",
        ["DigitForge__Artifacts__ServiceUrl"] = S3.ServiceUrl,
        ["DigitForge__Artifacts__Bucket"] = _bucket,
        ["DigitForge__Artifacts__CreateBucket"] = "true",
        ["DigitForge__Artifacts__AccessKey"] = "S3RVER",
        ["DigitForge__Artifacts__SecretKey"] = "S3RVER",
        ["DigitForge__Jobs__HeartbeatSeconds"] = "0.5",
        ["DigitForge__Jobs__PollSeconds"] = "0.2",
        // A killed worker's job is recovered 15 s after its last heartbeat (default 30 s). Not less: on a loaded
        // machine (CI, load average 40 on 2 cores) a live worker's heartbeat was seen 5 s late, and its job was failed.
        ["DigitForge__Jobs__StaleAfterSeconds"] = "15",
        ["DIGITFORGE_API_KEYS"] = ApiKey,
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__DigitForge"] = "Information",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        // Several .NET processes on a small machine: workstation GC keeps each one's heap small.
        ["DOTNET_gcServer"] = "0",
    };

    /// <summary>An API process on a free port that only queues jobs (workers run them).</summary>
    public async Task<ApiProcess> StartApiAsync(string name, IReadOnlyDictionary<string, string>? settings = null)
    {
        int port = ServiceProcess.FreePort();
        var environment = Common(name);
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["DigitForge__Jobs__RunJobs"] = "false";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var process = Add(ServiceProcess.Start(name, BuiltBinaries.Api, [], environment, _root.Path));
        var api = new ApiProcess(process, new Uri($"http://127.0.0.1:{port}"));
        await WaitUntilAsync(process, async () =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            using var response = await http.GetAsync(new Uri(api.BaseAddress, "/health"));
            return true; // any answer: Kestrel is up and the app built (migrations ran before it listened)
        });
        return api;
    }

    /// <summary>A <c>digitforge worker</c> process named <paramref name="workerId"/> in the queue; ready once its /metrics answers.</summary>
    public async Task<ServiceProcess> StartWorkerAsync(string workerId, int concurrency = 1)
    {
        int metricsPort = ServiceProcess.FreePort();
        var environment = Common(workerId);
        environment["DigitForge__Telemetry__WorkerMetricsPort"] = metricsPort.ToString(CultureInfo.InvariantCulture);
        var process = Add(ServiceProcess.Start(
            workerId, BuiltBinaries.Cli, ["worker", "--worker-id", workerId, "--concurrency", concurrency.ToString(CultureInfo.InvariantCulture)], environment, _root.Path));
        await WaitUntilAsync(process, async () =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{metricsPort}/metrics"));
            return response.IsSuccessStatusCode;
        });
        return process;
    }

    /// <summary>The last lines of every process's output, for assertion messages.</summary>
    public string Logs() => string.Join('\n', _processes.Select(p => p.Tail()));

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        S3.Dispose();
        Postgres.Dispose();
        _root.Dispose();
    }

    private ServiceProcess Add(ServiceProcess process)
    {
        lock (_processes)
        {
            _processes.Add(process);
        }

        return process;
    }

    private static async Task WaitUntilAsync(ServiceProcess process, Func<Task<bool>> ready)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.Name} exited while starting.\n{process.Tail()}");
            }

            try
            {
                if (await ready())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but busy starting.
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(120))
            {
                throw new TimeoutException($"{process.Name} was not ready after 120 s.\n{process.Tail()}");
            }

            await Task.Delay(250);
        }
    }
}

/// <summary>A started API process and its address.</summary>
public sealed record ApiProcess(ServiceProcess Process, Uri BaseAddress)
{
    /// <summary>A client that sends the API key (writes need it; reads too when reads are private).</summary>
    public HttpClient Client(bool withKey = true)
    {
        var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (withKey)
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", ScaleCluster.ApiKey);
        }

        return http;
    }
}
