using DigitForge.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.FunctionalTests;

/// <summary>
/// The data-protection key ring (it protects the sign-in cookie) lives on the data directory, so a recreated container
/// (a new host on the same data volume) still reads what the old one protected.
/// </summary>
public sealed class DataProtectionKeysTests
{
    [Fact]
    public void Keys_are_in_the_data_directory_and_a_new_host_on_it_unprotects_the_old_hosts_payload()
    {
        string protectedText;
        string dataDir;
        using (var first = new DigitForgeApiFactory())
        {
            dataDir = first.DataDir;
            protectedText = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("signed in");
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(dataDir, "data-protection-keys"), "key-*.xml"));

            using var second = new SameDataDirFactory(dataDir);
            string again = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText);
            Assert.Equal("signed in", again);
        }
    }

    private sealed class SameDataDirFactory(string dataDir) : DigitForgeHostFactory(dataDir);
}
