using DigitForge.Infrastructure.Data;
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

    /// <summary>
    /// Keeps the key ring that protects the sign-in cookie (and antiforgery tokens) in <c>&lt;data dir&gt;/data-protection-keys</c>
    /// instead of the process's home folder: in a container that folder is lost with the container, and every sign-in
    /// with it; the data directory is the volume that survives (and that app replicas share). Resolved from the
    /// options when first used, so a data directory configured after this call (tests, command line) still counts.
    /// </summary>
    public static IHostApplicationBuilder AddDataProtectionKeysInDataDir(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddDataProtection().SetApplicationName("DigitForge");
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IOptions<DataDirectoryOptions>, ILoggerFactory>((options, dataDir, loggers) =>
            options.XmlRepository = new FileSystemXmlRepository(
                new DirectoryInfo(Path.Combine(DataDirectory.Resolve(dataDir.Value), FolderName)), loggers));
        return builder;
    }
}
