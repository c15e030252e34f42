using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DigitForge.TestSupport;

/// <summary>
/// The one root of the in-process API hosts the tests start: the real <c>Program</c> in the Testing environment on a
/// data directory of its own (a temporary folder, removed on dispose) or one a test shares between host starts.
/// Derived factories add their settings in <see cref="Settings"/> (limits, job runner, database) instead of each
/// configuring a host of its own.
/// </summary>
public class DigitForgeHostFactory : WebApplicationFactory<Program>
{
    private readonly TempDirectory? _owned;

    /// <param name="dataDir">A data directory to use (kept on dispose); null makes a temporary one.</param>
    /// <param name="prefix">The temporary folder's name prefix.</param>
    public DigitForgeHostFactory(string? dataDir = null, string prefix = "digitforge-test")
    {
        if (dataDir is null)
        {
            _owned = new TempDirectory(prefix);
            dataDir = _owned.Path;
        }

        DataDir = dataDir;
    }

    /// <summary>The host's data directory (<c>DigitForge:DataDir</c>).</summary>
    public string DataDir { get; }

    /// <summary>Configuration the host starts with, beside the environment and the data directory.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings() => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("DigitForge:DataDir", DataDir);
        // Every request of a test host comes from one client, and a test class sends dozens of generating requests in
        // a second on a quiet machine: the default token bucket answered some of them 429 (CI at 0bed116). The limits
        // have their own tests (RateLimitApiFactory turns them back on).
        builder.UseSetting("DigitForge:RateLimits:Enabled", "false");
        foreach (var (key, value) in Settings())
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _owned?.Dispose();
        }
    }
}
