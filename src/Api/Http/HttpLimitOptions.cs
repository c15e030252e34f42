namespace DigitForge.Api.Http;

/// <summary>Connection-level limits (issue 21, finding 3), bound from <c>DigitForge:Http</c>.</summary>
public sealed class HttpLimitOptions
{
    public const string SectionName = "DigitForge:Http";

    /// <summary>
    /// Slowest a client may read a response, in bytes per second, after <see cref="MinResponseGraceSeconds"/>; a slower
    /// reader is disconnected, so it cannot hold a download slot indefinitely (Kestrel's default is 240 B/s).
    /// </summary>
    public double MinResponseBytesPerSecond { get; set; } = 16 * 1024;

    /// <summary>Seconds a response may run below the minimum rate before the reader is dropped (more than 1).</summary>
    public double MinResponseGraceSeconds { get; set; } = 10;

    /// <summary>
    /// Worker threads the pool keeps ready: generation runs synchronously on request threads, and without spare ones a
    /// burst of heavy requests delays everything else (/health) by the pool's slow thread injection.
    /// </summary>
    public int MinWorkerThreads { get; set; } = 64;
}
