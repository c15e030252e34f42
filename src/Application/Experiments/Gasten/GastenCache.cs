using DigitForge.Application.DataSources;
using DigitForge.Application.Tracking;

namespace DigitForge.Application.Experiments.Gasten;

/// <summary>
/// Where GASTeN caches feature networks and reference statistics: <c>&lt;data dir&gt;/gasten/</c>, beside the source's
/// folder, with the source's origin (official files, the npm digits, a test fixture) in every file name. With
/// <see cref="Shared"/> (the artifact store: a bucket when several workers share S3) a file made on one machine is
/// fetched by the others instead of being trained again; the local folder stays the fast path.
/// </summary>
public sealed record GastenCache(string Directory, string Origin, IArtifactStore? Shared = null)
{
    /// <summary>The store's folder for shared caches: a run id no run has (<see cref="RunIds.New"/> never yields zeros).</summary>
    public const string SharedRunId = "00000000000000000000000000000000";

    public static GastenCache For(IDigitSource digits, string source, IArtifactStore? shared = null)
    {
        ArgumentNullException.ThrowIfNull(digits);
        var status = digits.Status().FirstOrDefault(s => string.Equals(s.Source, source, StringComparison.OrdinalIgnoreCase) && s.Split == DataSplit.Train);
        string? root = status is null ? null : Path.GetDirectoryName(Path.GetDirectoryName(status.Path));
        root ??= Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "digitforge");
        string origin = digits.OriginId(source, DataSplit.Train) ?? status?.Origin ?? "official";
        string safe = new([.. origin.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_')]);
        return new GastenCache(Path.Combine(root, "gasten"), safe.Length > 60 ? safe[..60] : safe, shared);
    }

    public string PathOf(string file) => Path.Combine(Directory, file);

    /// <summary>Whether <paramref name="file"/> is in the local folder, copying it there first when only the shared store has it.</summary>
    public bool TryFetch(string file)
    {
        string path = PathOf(file);
        if (File.Exists(path))
        {
            return true;
        }

        using var shared = Shared?.OpenRead(SharedRunId, SharedPath(file));
        if (shared is null)
        {
            return false;
        }

        System.IO.Directory.CreateDirectory(Directory);
        string temporary = path + $".{Guid.NewGuid():N}.tmp";
        using (var local = File.Create(temporary))
        {
            shared.CopyTo(local);
        }

        File.Move(temporary, path, overwrite: true);
        return true;
    }

    /// <summary>Puts the local <paramref name="file"/> where other machines' <see cref="TryFetch"/> finds it.</summary>
    public async Task ShareAsync(string file, CancellationToken cancellationToken)
    {
        if (Shared is null)
        {
            return;
        }

        await using var local = File.OpenRead(PathOf(file));
        await Shared.SaveAsync(SharedRunId, SharedPath(file), local, long.MaxValue, cancellationToken);
    }

    private static string SharedPath(string file) => "gasten/" + file;
}
