using DigitForge.Domain.Jobs;
using DigitForge.Domain.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace DigitForge.Application.Tracking;

/// <summary>
/// The tracking database as the use cases see it. Handlers query it directly with LINQ (no repository layer, as in
/// the reference Clean Architecture template); the provider (SQLite or PostgreSQL) is chosen by Infrastructure.
/// </summary>
public interface ITrackingDbContext
{
    DbSet<Experiment> Experiments { get; }

    DbSet<ExperimentTag> ExperimentTags { get; }

    DbSet<Run> Runs { get; }

    DbSet<RunTag> RunTags { get; }

    DbSet<Param> Params { get; }

    DbSet<Metric> Metrics { get; }

    DbSet<LatestMetric> LatestMetrics { get; }

    DbSet<RunImage> RunImages { get; }

    DbSet<Artifact> Artifacts { get; }

    DbSet<ApiKey> ApiKeys { get; }

    /// <summary>Experiment jobs: the persistent queue (Domain/Jobs).</summary>
    DbSet<Job> Jobs { get; }

    /// <summary>Transactions, and the connection the <see cref="IMetricWriter"/> shares.</summary>
    DatabaseFacade Database { get; }

    /// <summary>To start a unit of work again after a lost race (<see cref="DuplicateKeyException"/>).</summary>
    ChangeTracker ChangeTracker { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
