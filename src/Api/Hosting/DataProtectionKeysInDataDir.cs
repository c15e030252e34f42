using DigitForge.Api.Hosting;
using DigitForge.Infrastructure.Data;
using DigitForge.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

public static class DataProtectionKeysInDataDir
{
    /// <summary>The folder under the data directory that holds ASP.NET Core's data-protection key ring.</summary>
    public const string FolderName = "data-protection-keys";

    /// <summary><c>DigitForge:DataProtection:KeyStore</c>: <c>auto</c> (default), <c>directory</c> or <c>database</c>.</summary>
    public const string KeyStoreSetting = "DigitForge:DataProtection:KeyStore";

    /// <summary>
    /// Keeps the key ring that protects the sign-in cookie (and antiforgery tokens) where every instance of the app
    /// finds it, never in the process's home folder (lost with a container, and every sign-in with it). With a
    /// PostgreSQL tracking database (several replicas) it is in the database; with SQLite (one machine) in
    /// <c>&lt;data dir&gt;/data-protection-keys</c>. <see cref="KeyStoreSetting"/> overrides the choice. Resolved when
    /// first used, so settings applied after this call (tests, command line) still count.
    /// </summary>
    public static IHostApplicationBuilder AddDataProtectionKeysInDataDir(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddDataProtection().SetApplicationName("DigitForge");
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((options, services) =>
            options.XmlRepository = Choose(services));
        return builder;
    }

    private static IXmlRepository Choose(IServiceProvider services)
    {
        if (services.GetRequiredService<TrackingDatabase>().HoldsSharedState(services.GetRequiredService<IConfiguration>(), KeyStoreSetting, "directory"))
        {
            return new DatabaseXmlRepository(services.GetRequiredService<IServiceScopeFactory>());
        }

        var dataDir = services.GetRequiredService<IOptions<DataDirectoryOptions>>().Value;
        return new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(DataDirectory.Resolve(dataDir), FolderName)), services.GetRequiredService<ILoggerFactory>());
    }
}
