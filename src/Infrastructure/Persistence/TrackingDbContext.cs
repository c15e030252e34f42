using DigitForge.Application.Tracking;
using DigitForge.Domain.Jobs;
using DigitForge.Domain.Tracking;
using Microsoft.EntityFrameworkCore;

namespace DigitForge.Infrastructure.Persistence;

/// <summary>
/// The tracking database. One model, two providers: <see cref="SqliteTrackingDbContext"/> and
/// <see cref="PostgresTrackingDbContext"/> only exist so that each provider has its own migrations
/// (Persistence/Migrations/{Sqlite,Postgres}) in this assembly.
/// </summary>
public abstract class TrackingDbContext(DbContextOptions options) : DbContext(options), ITrackingDbContext
{
    public DbSet<Experiment> Experiments => Set<Experiment>();

    public DbSet<ExperimentTag> ExperimentTags => Set<ExperimentTag>();

    public DbSet<Run> Runs => Set<Run>();

    public DbSet<RunTag> RunTags => Set<RunTag>();

    public DbSet<Param> Params => Set<Param>();

    public DbSet<Metric> Metrics => Set<Metric>();

    public DbSet<LatestMetric> LatestMetrics => Set<LatestMetric>();

    public DbSet<RunImage> RunImages => Set<RunImage>();

    public DbSet<Artifact> Artifacts => Set<Artifact>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<Job> Jobs => Set<Job>();

    public DbSet<DataProtectionKeyRow> DataProtectionKeys => Set<DataProtectionKeyRow>();

    public DbSet<DatasetSpecRow> DatasetSpecs => Set<DatasetSpecRow>();

    /// <summary>
    /// Saves; a unique-key violation (a concurrent write took the key first) becomes a
    /// <see cref="DuplicateKeyException"/>, with the entries that failed detached so that the context stays usable.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueViolations.Is(ex))
        {
            string what = string.Join(", ", ex.Entries.Select(e => e.Metadata.ClrType.Name).Distinct());
            foreach (var entry in ex.Entries.Where(e => e.State == EntityState.Added))
            {
                entry.State = EntityState.Detached;
            }

            throw new DuplicateKeyException(
                $"A concurrent write stored the same key first ({(what.Length == 0 ? "a unique key" : what)}); retry the request.", ex);
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TrackingDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Unix milliseconds: absolute, sortable and comparable on both providers (SQLite cannot order DateTimeOffset).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
    }
}

/// <summary>The tracking context on SQLite (the embedded default).</summary>
public sealed class SqliteTrackingDbContext(DbContextOptions<SqliteTrackingDbContext> options) : TrackingDbContext(options);

/// <summary>The tracking context on PostgreSQL (when <c>ConnectionStrings:DigitForge</c> is set).</summary>
public sealed class PostgresTrackingDbContext(DbContextOptions<PostgresTrackingDbContext> options) : TrackingDbContext(options);
