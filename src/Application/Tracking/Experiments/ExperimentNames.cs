using DigitForge.Domain.Tracking;
using Microsoft.EntityFrameworkCore;

namespace DigitForge.Application.Tracking.Experiments;

/// <summary>
/// Finds an experiment by name or creates it, for use cases that start runs in an experiment given by name (create
/// run, submit job, a job's child runs). Creating one is idempotent, so it is committed on its own: an experiment
/// without runs is harmless, unlike a run without its job.
/// </summary>
public sealed class ExperimentNames(ITrackingDbContext db, TimeProvider clock)
{
    /// <summary>The id of the experiment named <paramref name="name"/> (trimmed; the caller checked its length), created if missing.</summary>
    public async Task<long> GetOrCreateIdAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        string trimmed = name.Trim();
        var existing = await db.Experiments.Where(e => e.Name == trimmed).Select(e => (long?)e.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } id)
        {
            return id;
        }

        var experiment = new Experiment(trimmed, null, clock.GetUtcNow());
        db.Experiments.Add(experiment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return experiment.Id;
        }
        catch (DuplicateKeyException)
        {
            // Another client created it between our check and insert: the unique index decided, use theirs (the
            // context detached our insert, so the caller's own save does not repeat it).
            db.Experiments.Entry(experiment).State = EntityState.Detached;
            return await db.Experiments.Where(e => e.Name == trimmed).Select(e => e.Id).FirstAsync(cancellationToken);
        }
    }

    /// <summary>Throws <see cref="TrackingConflictException"/> when the experiment is deleted (no new runs there).</summary>
    public async Task EnsureAcceptsRunsAsync(long experimentId, CancellationToken cancellationToken = default)
    {
        if (await db.Experiments.AnyAsync(e => e.Id == experimentId && e.DeletedAt != null, cancellationToken))
        {
            throw new TrackingConflictException($"Experiment {experimentId} is deleted; restore it before starting runs in it.");
        }
    }
}
