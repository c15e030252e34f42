using DigitForge.Infrastructure.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DigitForge.Infrastructure.Persistence;

/// <summary>
/// Which database tracking uses: PostgreSQL when <c>ConnectionStrings:DigitForge</c> is configured, otherwise the
/// SQLite file <c>&lt;data dir&gt;/digitforge.db</c>. Decided from configuration when first asked, so test hosts can
/// set either.
/// </summary>
public sealed class TrackingDatabase
{
    public const string ConnectionStringName = "DigitForge";
    public const string SqliteFileName = "digitforge.db";

    public TrackingDatabase(IConfiguration configuration, IOptions<DataDirectoryOptions> dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(dataDirectory);
        string? postgres = configuration.GetConnectionString(ConnectionStringName);
        DataRoot = DataDirectory.Resolve(dataDirectory.Value);
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            IsPostgres = true;
            ConnectionString = postgres;
        }
        else
        {
            SqlitePath = Path.Combine(DataRoot, SqliteFileName);
            ConnectionString = $"Data Source={SqlitePath};Pooling=True";
        }
    }

    public bool IsPostgres { get; }

    public string ConnectionString { get; }

    /// <summary>The data directory (artifacts live below it on both providers).</summary>
    public string DataRoot { get; }

    /// <summary>The SQLite file, null on PostgreSQL.</summary>
    public string? SqlitePath { get; }

    public string Describe() => IsPostgres ? "PostgreSQL (ConnectionStrings:DigitForge)" : $"SQLite {SqlitePath}";

    /// <summary>
    /// Reads a switch <c>auto</c> | <c>database</c> | <paramref name="local"/> for state that several hosts may have to
    /// share (data-protection keys, the dataset catalog): whether that state lives in this database. <c>auto</c> (the
    /// default) means the database exactly when it is PostgreSQL, the one database other hosts can reach.
    /// </summary>
    public bool HoldsSharedState(IConfiguration configuration, string setting, string local)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string value = configuration[setting]?.Trim().ToLowerInvariant() ?? "auto";
        return value switch
        {
            "database" => true,
            "auto" or "" => IsPostgres,
            _ when value == local => false,
            _ => throw new InvalidOperationException($"{setting} must be auto, {local} or database; got '{value}'."),
        };
    }
}
