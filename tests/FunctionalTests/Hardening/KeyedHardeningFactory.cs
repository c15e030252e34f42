using Microsoft.AspNetCore.Hosting;

namespace DigitForge.FunctionalTests.Hardening;

/// <summary>The API with digits and a configured key, and room for two stored datasets.</summary>
public sealed class KeyedHardeningFactory : DigitForgeApiFactory
{
    public const string Key = "hardening-key-0123456789";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("DIGITFORGE_API_KEYS", Key);
        builder.UseSetting("DigitForge:Datasets:MaxStoredDatasets", "2");
    }
}
