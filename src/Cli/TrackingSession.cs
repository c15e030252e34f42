using DigitForge.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Cli;

/// <summary>
/// The tracking database for one command: the same services as the API (SQLite in the data directory, or PostgreSQL
/// from <c>ConnectionStrings__DigitForge</c>), migrated first, with a scope for the handlers. Part of the CLI's composition
/// (beside <see cref="CliHost"/>): commands use only its Application services.
/// </summary>
internal sealed class TrackingSession : IAsyncDisposable
{
    private readonly ServiceProvider _root;
    private readonly AsyncServiceScope _scope;

    private TrackingSession(ServiceProvider root)
    {
        _root = root;
        _scope = root.CreateAsyncScope();
    }

    public IServiceProvider Services => _scope.ServiceProvider;

    public static async Task<TrackingSession> OpenAsync(string? dataDir, CancellationToken cancellationToken)
    {
        var session = new TrackingSession(CliHost.Build(dataDir));
        try
        {
            await TrackingDatabaseInitializer.MigrateAsync(session.Services, cancellationToken);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _root.DisposeAsync();
    }
}
