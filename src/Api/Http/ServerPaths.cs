using System.Text.RegularExpressions;

namespace DigitForge.Api.Http;

/// <summary>
/// Takes the server's absolute file paths out of messages sent to callers (issue 21, finding 9): "the MNIST files are
/// missing from /srv/data/mnist" tells an anonymous caller where the data lives. A path keeps its last two
/// segments, which say what is missing (<c>&lt;data dir&gt;/.../mnist/train-images-idx3-ubyte</c>); the log keeps the whole message.
/// </summary>
internal static partial class ServerPaths
{
    public static string Redact(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            return AbsolutePath().Replace(message, match =>
            {
                var segments = match.Value.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries);
                return segments.Length <= 1 ? "<data dir>" : "<data dir>/.../" + string.Join('/', segments[^Math.Min(2, segments.Length - 1)..]);
            });
        }
        catch (RegexMatchTimeoutException)
        {
            // On a starved machine even this linear pattern can run out of time; the error handler must still answer,
            // and without the paths (the log keeps the whole message).
            return WithheldMessage;
        }
    }

    public const string WithheldMessage = "The server could not complete the request; its log has the details.";

    // A Unix path of two or more segments not inside a URL (no ':' or '/' or a word character just before it), or a
    // Windows drive path.
    [GeneratedRegex(@"(?<![\w:/.])/(?:[^\s'""`,;:()/]+/)+[^\s'""`,;:()]*|\b[A-Za-z]:\\[^\s'""`,;]*", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AbsolutePath();
}
