namespace DigitForge.Infrastructure.Persistence;

/// <summary>
/// A stored dataset spec in the tracking database (the catalog that several API replicas must agree on): the
/// content id and its canonical JSON. Immutable once written; content addressing makes concurrent saves of one id agree.
/// </summary>
public sealed class DatasetSpecRow
{
    /// <summary>SHA-256 of the canonical spec, lower-case hex.</summary>
    public required string Id { get; set; }

    public required string CanonicalSpec { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
