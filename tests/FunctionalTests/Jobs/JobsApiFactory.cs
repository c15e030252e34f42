using System.Globalization;
using DigitForge.TestSupport;

namespace DigitForge.FunctionalTests.Jobs;

/// <summary>
/// The API with its in-process job runner on a real tracking database: a SQLite file in <see cref="DataDir"/> (its
/// own temp folder, or one a test shares between two host starts), or PostgreSQL with a connection string. Heartbeats
/// and polls are fast so tests wait little; <c>runJobs: false</c> gives a host that only queues.
/// </summary>
public class JobsApiFactory(string? dataDir, bool runJobs = true, string? connectionString = null, string? workerId = null, int concurrency = 1)
    : DigitForgeHostFactory(dataDir, "digitforge-jobs")
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        yield return new("DIGITFORGE_API_KEYS", string.Empty);
        yield return new("DigitForge:Jobs:RunJobs", runJobs ? "true" : "false");
        yield return new("DigitForge:Jobs:HeartbeatSeconds", "0.2");
        yield return new("DigitForge:Jobs:PollSeconds", "0.2");
        yield return new("DigitForge:Jobs:MaxConcurrentJobs", concurrency.ToString(CultureInfo.InvariantCulture));
        if (workerId is not null)
        {
            yield return new("DigitForge:Jobs:WorkerId", workerId);
        }

        if (connectionString is not null)
        {
            yield return new("ConnectionStrings:DigitForge", connectionString);
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
