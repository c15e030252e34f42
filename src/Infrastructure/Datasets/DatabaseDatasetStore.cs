using DigitForge.Application.Datasets;
using DigitForge.Application.Datasets.Specs;
using DigitForge.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Infrastructure.Datasets;

/// <summary>
/// Dataset specs in the tracking database (table <c>DatasetSpecs</c>): the catalog every API replica sees, so a
/// dataset created through one downloads through any other. Writes are idempotent by content id; a concurrent save
/// of the same id that loses the insert race is the same spec, so it counts as saved.
/// </summary>
public sealed class DatabaseDatasetStore(IServiceScopeFactory scopes, TimeProvider clock) : IDatasetStore
{
    public async Task SaveAsync(string id, string canonicalSpec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(canonicalSpec);
        Check(id);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrackingDbContext>();
        if (await db.DatasetSpecs.AnyAsync(d => d.Id == id, cancellationToken))
        {
            return;
        }

        db.DatasetSpecs.Add(new DatasetSpecRow { Id = id, CanonicalSpec = canonicalSpec, CreatedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // Another replica stored the same id between the check and the insert: same id, same bytes.
            if (!await FreshContextHasAsync(id, cancellationToken))
            {
                throw;
            }
        }
    }

    public async Task<string?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!CanonicalSpec.IsContentId(id))
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrackingDbContext>();
        return await db.DatasetSpecs.AsNoTracking().Where(d => d.Id == id).Select(d => d.CanonicalSpec).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>How many specs are stored.</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TrackingDbContext>().DatasetSpecs.CountAsync(cancellationToken);
    }

    /// <summary>Removes the spec stored under <paramref name="id"/>; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!CanonicalSpec.IsContentId(id))
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrackingDbContext>();
        return await db.DatasetSpecs.Where(d => d.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<StoredDataset>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<TrackingDbContext>().DatasetSpecs.AsNoTracking()
            .OrderBy(d => d.CreatedAt).Select(d => new { d.Id, d.CreatedAt }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new StoredDataset(r.Id, r.CreatedAt))];
    }

    /// <summary>Copies specs written as files by an earlier version (or a one-machine install) into the table; idempotent.</summary>
    public async Task<int> ImportFilesAsync(string folder, CancellationToken cancellationToken = default)
    {
        if (!System.IO.Directory.Exists(folder))
        {
            return 0;
        }

        int imported = 0;
        foreach (string file in System.IO.Directory.EnumerateFiles(folder, "*.json"))
        {
            string id = Path.GetFileNameWithoutExtension(file);
            if (CanonicalSpec.IsContentId(id) && await FindAsync(id, cancellationToken) is null)
            {
                await SaveAsync(id, await File.ReadAllTextAsync(file, System.Text.Encoding.UTF8, cancellationToken), cancellationToken);
                imported++;
            }
        }

        return imported;
    }

    private async Task<bool> FreshContextHasAsync(string id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TrackingDbContext>().DatasetSpecs.AnyAsync(d => d.Id == id, cancellationToken);
    }

    private static void Check(string id)
    {
        if (!CanonicalSpec.IsContentId(id))
        {
            throw new ArgumentException($"'{id}' is not a dataset content id.", nameof(id));
        }
    }
}
