namespace DigitForge.Application.Datasets;

/// <summary>Where dataset specs are kept, by content id. Specs are immutable: saving an id twice stores the same bytes.</summary>
public interface IDatasetStore
{
    /// <summary>Stores the canonical spec JSON under <paramref name="id"/> (no-op when present).</summary>
    Task SaveAsync(string id, string canonicalSpec, CancellationToken cancellationToken = default);

    /// <summary>The canonical spec JSON stored under <paramref name="id"/>, or null.</summary>
    Task<string?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>How many specs are stored (for the quota).</summary>
    Task<int> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes the spec stored under <paramref name="id"/>; false when there was none.</summary>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Every stored dataset id with when it was stored (for listing and short ids).</summary>
    Task<IReadOnlyList<StoredDataset>> ListAsync(CancellationToken cancellationToken = default);
}

/// <summary>A stored dataset id and when its spec was first stored (null when the store cannot tell).</summary>
public sealed record StoredDataset(string Id, DateTimeOffset? SavedAt);
