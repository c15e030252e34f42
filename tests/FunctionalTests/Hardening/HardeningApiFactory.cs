using Microsoft.AspNetCore.Hosting;

namespace DigitForge.FunctionalTests.Hardening;

/// <summary>
/// The API with digits, a SQLite tracking database, no job runner (a queued job must not start training inside a
/// test), no rate limits and small limits, so that malformed or oversized requests are cheap to send by the thousand.
/// </summary>
public class HardeningApiFactory : DigitForgeApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("DIGITFORGE_API_KEYS", string.Empty);
        builder.UseSetting("DigitForge:Jobs:RunJobs", "false");
        // The rate limits have their own tests; here they would answer 429 before the handlers judge the input.
        builder.UseSetting("DigitForge:RateLimits:Enabled", "false");
        builder.UseSetting("DigitForge:Tracking:MaxArtifactBytes", "65536");
        builder.UseSetting("DigitForge:Mnist1D:MaxWorkingBytes", "268435456");
        builder.UseSetting("DigitForge:Datasets:MaxWorkingBytes", "268435456");
        builder.UseSetting("DigitForge:Morphometrics:MaxImages", "2000");
    }
}
