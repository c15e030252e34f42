using DigitForge.Application.Tracking;
using DigitForge.Infrastructure.Persistence;
using DigitForge.Infrastructure.Persistence.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>
    /// The tracking database (SQLite file by default, PostgreSQL with <c>ConnectionStrings:DigitForge</c>), its bulk
    /// metric writer, the file-system artifact store and the start-up migration. Both contexts are registered; the
    /// one <see cref="TrackingDatabase"/> picks is the only one ever resolved.
    /// </summary>
    public static IHostApplicationBuilder AddTrackingPersistence(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton<TrackingDatabase>();
        services.AddDbContext<SqliteTrackingDbContext>((sp, options) =>
            options.UseSqlite(sp.GetRequiredService<TrackingDatabase>().ConnectionString)
                   .AddInterceptors(new SqliteConnectionSettings()));
        services.AddDbContext<PostgresTrackingDbContext>((sp, options) =>
            options.UseNpgsql(sp.GetRequiredService<TrackingDatabase>().ConnectionString));
        services.AddScoped<TrackingDbContext>(sp => sp.GetRequiredService<TrackingDatabase>().IsPostgres
            ? sp.GetRequiredService<PostgresTrackingDbContext>()
            : sp.GetRequiredService<SqliteTrackingDbContext>());
        services.AddScoped<ITrackingDbContext>(sp => sp.GetRequiredService<TrackingDbContext>());
        services.AddScoped<IMetricWriter>(sp => sp.GetRequiredService<TrackingDatabase>().IsPostgres
            ? new PostgresMetricWriter(sp.GetRequiredService<PostgresTrackingDbContext>())
            : new SqliteMetricWriter(sp.GetRequiredService<SqliteTrackingDbContext>()));
        builder.AddArtifactStorage();
        services.AddHostedService<TrackingDatabaseInitializer>();
        // Every SQL command at Information drowns the log (100 commands per 100,000-point run); keep EF's warnings.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
        return builder;
    }
}
