using System.Text.Json;
using DigitForge.Application.Tracking.ApiKeys;
using DigitForge.Infrastructure.Persistence;
using DigitForge.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Cli.Tests;

/// <summary><c>digitforge keys create|list|revoke</c>, run as the real command against a tracking database.</summary>
public sealed class KeysCommandTests : CliTrackingTest
{
    [Fact]
    public async Task Create_prints_a_key_once_and_stores_only_its_hash_with_its_scopes()
    {
        var result = await Run("keys", "create", "--name", "ci", "--scope", "read");

        Assert.True(result.ExitCode == 0, result.ToString());
        string key = result.StdOut.Trim();
        Assert.StartsWith(ApiKeyHasher.KeyPrefix, key, StringComparison.Ordinal);
        Assert.Contains("scopes read", result.StdErr, StringComparison.Ordinal);
        await using var services = BuildServices();
        await using var scope = services.CreateAsyncScope();
        var verifier = scope.ServiceProvider.GetRequiredService<ApiKeyVerifier>();
        Assert.Equal(ApiKeyCheck.Valid, await verifier.CheckAsync(key));
        Assert.Equal(Domain.Tracking.ApiScopes.Read, (await verifier.FindAsync(key))?.Scopes);
        Assert.Equal(ApiKeyCheck.Invalid, await verifier.CheckAsync(key + "x"));
        Assert.Equal(ApiKeyCheck.Missing, await verifier.CheckAsync(null));
    }

    [Fact]
    public async Task List_shows_names_prefixes_and_scopes_and_revoke_ends_a_key()
    {
        string ci = (await Run("keys", "create", "--name", "ci")).StdOut.Trim();
        var admin = await Run("keys", "create", "--name", "ops", "--scope", "admin");
        Assert.True(admin.ExitCode == 0, admin.ToString());

        var list = await Run("keys", "list");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("ci", list.StdOut, StringComparison.Ordinal);
        Assert.Contains(ci[..10], list.StdOut, StringComparison.Ordinal);
        Assert.Contains("read,write", list.StdOut, StringComparison.Ordinal);
        Assert.Contains("admin", list.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain(ci, list.StdOut, StringComparison.Ordinal);

        var revoke = await Run("keys", "revoke", "ci");
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        var active = await Run("keys", "list", "--json");
        var all = await Run("keys", "list", "--all", "--json");
        using var activeJson = JsonDocument.Parse(active.StdOut);
        using var allJson = JsonDocument.Parse(all.StdOut);
        Assert.Equal(["ops"], activeJson.RootElement.EnumerateArray().Select(k => k.GetProperty("name").GetString()));
        Assert.Equal(2, allJson.RootElement.GetArrayLength());

        await using var services = BuildServices();
        await using var scope = services.CreateAsyncScope();
        Assert.Equal(ApiKeyCheck.Invalid, await scope.ServiceProvider.GetRequiredService<ApiKeyVerifier>().CheckAsync(ci));
    }

    [Fact]
    public async Task Bad_scopes_unknown_and_ambiguous_keys_exit_with_their_codes()
    {
        await Run("keys", "create", "--name", "twin");
        await Run("keys", "create", "--name", "twin");

        var badScope = await Run("keys", "create", "--scope", "root");
        var unknown = await Run("keys", "revoke", "nobody");
        var ambiguous = await Run("keys", "revoke", "twin");

        Assert.Equal(2, badScope.ExitCode);
        Assert.Contains("scopes", badScope.StdErr, StringComparison.Ordinal);
        Assert.Equal(4, unknown.ExitCode);
        Assert.Equal(2, ambiguous.ExitCode);
        Assert.Contains("ids", ambiguous.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_stored_before_scopes_are_listed_as_read_and_write()
    {
        await using (var services = BuildServices())
        await using (var scope = services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<TrackingDbContext>();
            await context.GetService<IMigrator>().MigrateAsync("20261206232026_DatasetSpecs");
            await context.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"ApiKeys\" (\"Name\", \"Prefix\", \"Hash\", \"CreatedAt\") VALUES ('legacy', 'dfk_legacy', {0}, 1765000000000)",
                ApiKeyHasher.Hash("dfk_legacy-key"));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var list = await Run("keys", "list", "--json");

        Assert.True(list.ExitCode == 0, list.ToString());
        using var json = JsonDocument.Parse(list.StdOut);
        var key = json.RootElement.EnumerateArray().Single();
        Assert.Equal("legacy", key.GetProperty("name").GetString());
        Assert.Equal(["read", "write"], key.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }
}
