using System.Net;
using System.Net.Http.Json;
using DigitForge.Application.Tracking.ApiKeys;
using DigitForge.Infrastructure.Persistence;
using DigitForge.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DigitForge.FunctionalTests.Tracking;

/// <summary>
/// A database from before keys had scopes: its key row is written with the old schema, then the server starts on it
/// (migrating it). The old key keeps doing what it did (reads and writes) and gets no admin scope.
/// </summary>
#pragma warning disable CA1001 // xunit disposes through IAsyncLifetime.DisposeAsync.
public sealed class LegacyApiKeyTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private const string LastMigrationBeforeScopes = "20261206232026_DatasetSpecs";
    private const string OldKey = "dfk_an-old-key-made-before-scopes-existed-0123";

    private readonly TempDirectory _data = new("digitforge-legacy-keys");
    private DigitForgeHostFactory? _factory;

    public async Task InitializeAsync()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration["DigitForge:DataDir"] = _data.Path;
        builder.AddApplication();
        builder.AddInfrastructure();
        await using (var services = builder.Services.BuildServiceProvider())
        await using (var scope = services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<TrackingDbContext>();
            await context.GetService<IMigrator>().MigrateAsync(LastMigrationBeforeScopes);
            await context.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"ApiKeys\" (\"Name\", \"Prefix\", \"Hash\", \"CreatedAt\") VALUES ({0}, {1}, {2}, {3})",
                "old", OldKey[..10], ApiKeyHasher.Hash(OldKey), 1_765_000_000_000L);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _factory = new DigitForgeHostFactory(_data.Path);
    }

    public Task DisposeAsync()
    {
        _factory?.Dispose();
        _data.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_key_stored_before_scopes_still_reads_and_writes_but_is_no_admin()
    {
        using var client = _factory!.CreateClient();

        using var write = new HttpRequestMessage(HttpMethod.Post, "/api/experiments") { Content = JsonContent.Create(new { name = "legacy-write" }) };
        write.Headers.Add("X-Api-Key", OldKey);
        using var admin = new HttpRequestMessage(HttpMethod.Get, "/api/keys");
        admin.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", OldKey);
        var anonymous = await client.PostAsJsonAsync("/api/experiments", new { name = "legacy-anonymous" });

        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(write)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(admin)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
