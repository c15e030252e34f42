using DigitForge.FunctionalTests.Jobs;
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

    [SkippableFact]
    public void Replicas_on_one_postgres_database_and_separate_disks_share_the_key_ring()
    {
        using var postgres = PostgresServer.Start();
        Skip.If(postgres is null, PostgresServer.SkipReason);
        string database = postgres.CreateDatabase();

        // Two API processes that share nothing but PostgreSQL (own data directories): what one protects, the other reads.
        using var first = new JobsApiFactory(null, runJobs: false, connectionString: database);
        using var second = new JobsApiFactory(null, runJobs: false, connectionString: database);
        string protectedText = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("signed in");
        string again = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText);

        Assert.Equal("signed in", again);
        Assert.False(Directory.Exists(Path.Combine(first.DataDir, "data-protection-keys")));
    }

    private sealed class SameDataDirFactory(string dataDir) : DigitForgeHostFactory(dataDir);
}
