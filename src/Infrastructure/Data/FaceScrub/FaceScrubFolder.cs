using System.Globalization;
using System.Text.RegularExpressions;

namespace DigitForge.Infrastructure.Data.FaceScrub;

/// <summary>One identity kept by the import: its label and its files in order.</summary>
public sealed record FaceScrubIdentity(int Identity, IReadOnlyList<string> Files)
{
    public int Label => Identity - FaceScrubLayout.IdentityOffset;
}

/// <summary>
/// A user's FaceScrub folder, scanned and checked before anything is decoded: which files are faces, which identities
/// the reference's subset keeps (at least 100 images), and the order of each identity's images (by <c>n</c>, numerically;
/// the reference takes <c>os.listdir</c> order through an unstable sort, which no one can reproduce, so the import fixes
/// one). Every problem is an <see cref="InvalidDataException"/> that names the folder and what is wrong with it.
/// </summary>
public static partial class FaceScrubFolder
{
    /// <summary>True when <paramref name="path"/> is a folder with at least one <c>&lt;identity&gt;_&lt;n&gt;.jpg</c> file (import detection).</summary>
    public static bool Looks(string path) =>
        Directory.Exists(path) && Directory.EnumerateFiles(path).Any(f => FaceFile().IsMatch(Path.GetFileName(f)));

    /// <summary>The identities to import, ordered by label; throws naming the folder's problem.</summary>
    public static IReadOnlyList<FaceScrubIdentity> Scan(string folder, int minImagesPerIdentity = FaceScrubLayout.MinImagesPerIdentity)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException(File.Exists(folder)
                ? $"{folder} is a file; FaceScrub is imported from a folder of <identity>_<n>.jpg files."
                : $"{folder} does not exist.");
        }

        var byIdentity = new SortedDictionary<int, List<(long N, string File)>>();
        int others = 0;
        foreach (string file in Directory.EnumerateFiles(folder))
        {
            var match = FaceFile().Match(Path.GetFileName(file));
            if (!match.Success)
            {
                others++;
                continue;
            }

            if (!int.TryParse(match.Groups["id"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int identity)
                || !long.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out long n))
            {
                throw new InvalidDataException($"{file}: the identity or image number is too large.");
            }

            if (identity < FaceScrubLayout.IdentityOffset)
            {
                throw new InvalidDataException(
                    $"{file}: identity {identity} is below {FaceScrubLayout.IdentityOffset}; the reference's files number identities from {FaceScrubLayout.IdentityOffset} (label = identity - {FaceScrubLayout.IdentityOffset}).");
            }

            if (!byIdentity.TryGetValue(identity, out var files))
            {
                byIdentity[identity] = files = [];
            }

            files.Add((n, file));
        }

        if (byIdentity.Count == 0)
        {
            throw new InvalidDataException(
                $"{folder}: no FaceScrub images: expected files named <identity>_<n>.jpg (e.g. 100_1.jpg){(others > 0 ? $", found {others} other file(s)" : ", the folder is empty")}.");
        }

        var kept = byIdentity.Where(p => p.Value.Count >= minImagesPerIdentity).ToList();
        if (kept.Count == 0)
        {
            var largest = byIdentity.MaxBy(p => p.Value.Count);
            throw new InvalidDataException(
                $"{folder}: no identity has {minImagesPerIdentity} images, the least the reference's subset keeps ({byIdentity.Count} identities; the largest, {largest.Key}, has {largest.Value.Count}).");
        }

        var result = new List<FaceScrubIdentity>(kept.Count);
        foreach (var (identity, files) in kept)
        {
            var ordered = files.OrderBy(f => f.N).ToList();
            for (int i = 1; i < ordered.Count; i++)
            {
                if (ordered[i].N == ordered[i - 1].N)
                {
                    throw new InvalidDataException($"{folder}: {Path.GetFileName(ordered[i - 1].File)} and {Path.GetFileName(ordered[i].File)} are both image {ordered[i].N} of identity {identity}.");
                }
            }

            result.Add(new FaceScrubIdentity(identity, [.. ordered.Select(f => f.File)]));
        }

        return result;
    }

    /// <summary>Identities in the folder with fewer images than the subset keeps (reported, not imported).</summary>
    public static int Dropped(string folder, IReadOnlyList<FaceScrubIdentity> kept) =>
        Directory.EnumerateFiles(folder).Select(f => FaceFile().Match(Path.GetFileName(f))).Where(m => m.Success)
            .Select(m => m.Groups["id"].Value).Distinct(StringComparer.Ordinal).Count() - kept.Count;

    [GeneratedRegex(@"^(?<id>[0-9]+)_(?<n>[0-9]+)\.(jpg|jpeg)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FaceFile();
}
