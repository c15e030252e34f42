using System.Globalization;
using DigitForge.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DigitForge.FunctionalTests.Jobs;

/// <summary>
/// The API with its in-process job runner on a real tracking database: a SQLite file in <see cref="DataDir"/> (its
/// own temp folder, or one a test shares between two host starts), or PostgreSQL with a connection string. Heartbeats
/// and polls are fast so tests wait little; <c>runJobs: false</c> gives a host that only queues.
/// </summary>
public class JobsApiFactory : WebApplicationFactory<Program>
{
    private readonly TempDirectory? _owned;
    private readonly bool _runJobs;
    private readonly string? _connectionString;
    private readonly string? _workerId;
    private readonly int _concurrency;

    public JobsApiFactory(string? dataDir, bool runJobs = true, string? connectionString = null, string? workerId = null, int concurrency = 1)
    {
        if (dataDir is null)
        {
            _owned = new TempDirectory("digitforge-jobs");
            dataDir = _owned.Path;
        }

        DataDir = dataDir;
        _runJobs = runJobs;
        _connectionString = connectionString;
        _workerId = workerId;
        _concurrency = concurrency;
    }

    public string DataDir { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("DigitForge:DataDir", DataDir);
        builder.UseSetting("DIGITFORGE_API_KEYS", string.Empty);
        builder.UseSetting("DigitForge:Jobs:RunJobs", _runJobs ? "true" : "false");
        builder.UseSetting("DigitForge:Jobs:HeartbeatSeconds", "0.2");
        builder.UseSetting("DigitForge:Jobs:PollSeconds", "0.2");
        builder.UseSetting("DigitForge:Jobs:MaxConcurrentJobs", _concurrency.ToString(CultureInfo.InvariantCulture));
        if (_workerId is not null)
        {
            builder.UseSetting("DigitForge:Jobs:WorkerId", _workerId);
        }

        if (_connectionString is not null)
        {
            builder.UseSetting("ConnectionStrings:DigitForge", _connectionString);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _owned?.Dispose();
        }
    }
}

/// <summary>The class fixture: its own SQLite file, runner on.</summary>
public sealed class SqliteJobsFactory : JobsApiFactory
{
    public SqliteJobsFactory()
        : base(null)
    {
    }
}
