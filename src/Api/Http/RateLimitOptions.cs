namespace DigitForge.Api.Http;

/// <summary>
/// Limits on the endpoints that generate data (issue 21, finding 2), bound from <c>DigitForge:RateLimits</c>. Heavy
/// endpoints (whole datasets, plots, archives, measurements, job launches) get a concurrency limit over all clients,
/// one per client and a token bucket per client; light ones (single row images, previews, pages of rows, job launches) a generous
/// token bucket per client. A request over a limit is answered 429 with Retry-After at once (no queue).
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "DigitForge:RateLimits";

    /// <summary>False switches every limit off (benchmarks of the generators themselves).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Heavy requests running at once over all clients: with the generators' working-memory budgets this bounds the server's memory.</summary>
    public int HeavyConcurrency { get; set; } = 4;

    /// <summary>Heavy requests one client may run at once.</summary>
    public int HeavyConcurrencyPerClient { get; set; } = 2;

    /// <summary>Heavy requests one client may start in a burst; the bucket refills by <see cref="HeavyTokensPerSecond"/>.</summary>
    public int HeavyBurst { get; set; } = 30;

    public int HeavyTokensPerSecond { get; set; } = 10;

    /// <summary>Light generating requests one client may start in a burst (a page of row images loads about 100).</summary>
    public int LightBurst { get; set; } = 400;

    public int LightTokensPerSecond { get; set; } = 200;
}
