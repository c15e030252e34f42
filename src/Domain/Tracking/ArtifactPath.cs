using System.Diagnostics.CodeAnalysis;

namespace DigitForge.Domain.Tracking;

/// <summary>
/// Safe relative artifact paths: segments of letters, digits and <c>._-+=@ </c> separated by '/', no '.' or '..'
/// segments, no absolute or drive paths, at most 500 characters. A checked path can be joined under the run's
/// folder without escaping it, on any OS. A segment is at most <see cref="MaxSegmentLength"/> characters, so that it
/// and the store's temporary suffix fit a file system's 255-byte name limit (a 220-character segment was a 500).
/// </summary>
public static class ArtifactPath
{
    public const int MaxLength = 500;

    /// <summary>Most characters in one folder or file name: 255 less room for the store's ".&lt;guid&gt;.part" suffix.</summary>
    public const int MaxSegmentLength = 200;

    /// <summary>The path with redundant '/' removed, or false and why it is refused.</summary>
    public static bool TryNormalize(string? path, [NotNullWhen(true)] out string? normalized, [NotNullWhen(false)] out string? error)
    {
        normalized = null;
        if (string.IsNullOrWhiteSpace(path))
        {
            error = "An artifact path must not be empty.";
            return false;
        }

        if (path.Length > MaxLength)
        {
            error = $"An artifact path must be at most {MaxLength} characters.";
            return false;
        }

        if (path.StartsWith('/') || path.StartsWith('\\') || (path.Length > 1 && path[1] == ':'))
        {
            error = $"Artifact path '{path}' is absolute; give a path relative to the run, e.g. checkpoints/model.pt.";
            return false;
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (string segment in segments)
        {
            if (segment.Length > MaxSegmentLength)
            {
                error = $"Artifact path '{path[..Math.Min(path.Length, 60)]}...' has a name of {segment.Length} characters; at most {MaxSegmentLength} per folder or file.";
                return false;
            }

            if (segment is "." or "..")
            {
                error = $"Artifact path '{path}' contains a '{segment}' segment.";
                return false;
            }

            foreach (char c in segment)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+' or '=' or '@' or ' '))
                {
                    error = $"Artifact path '{path}' contains '{c}'; use letters, digits, '._-+=@ ' and '/' between folders.";
                    return false;
                }
            }

            if (segment.Trim().Length == 0 || segment.EndsWith(' ') || segment.StartsWith(' '))
            {
                error = $"Artifact path '{path}' has a segment that starts or ends with a space.";
                return false;
            }
        }

        normalized = string.Join('/', segments);
        error = null;
        return true;
    }

    /// <summary>
    /// Whether two normalized paths cannot both exist because one would be a file where the other needs a folder
    /// (<c>x</c> and <c>x/y</c>).
    /// </summary>
    public static bool Clashes(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return IsFolderOf(a, b) || IsFolderOf(b, a);
    }

    private static bool IsFolderOf(string folder, string path) =>
        path.Length > folder.Length && path[folder.Length] == '/' && path.StartsWith(folder, StringComparison.Ordinal);
}
