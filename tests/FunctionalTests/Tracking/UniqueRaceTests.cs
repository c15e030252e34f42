using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace DigitForge.FunctionalTests.Tracking;

/// <summary>
/// Issue 21, finding 4: concurrent writes racing for one unique key (an experiment name, a run's tag key) answer the
/// outcome (one 201 and 409s, get-or-create, last write wins), never a 500, on SQLite and on PostgreSQL.
/// </summary>
public abstract class UniqueRaceTests(TrackingApiFactory factory, ITestOutputHelper output)
{
    private const int Racers = 16;
    private readonly HttpClient _http = factory.SkipReason is null ? factory.CreateClient() : null!;

    [SkippableFact]
    public async Task Concurrent_creates_of_one_experiment_name_are_one_201_and_409s()
    {
        SkipIfUnavailable();
        string name = Unique("race-exp");

        var responses = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => _http.PostAsJsonAsync("/api/experiments", new { name })));

        var codes = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.Equal(1, codes.Count(c => c == 201));
        Assert.All(codes.Where(c => c != 201), c => Assert.Equal(409, c));
    }

    [SkippableFact]
    public async Task Concurrent_runs_naming_a_new_experiment_all_start_in_that_one_experiment()
    {
        SkipIfUnavailable();
        string name = Unique("race-runs");

        var responses = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => _http.PostAsJsonAsync("/api/runs", new { experimentName = name })));

        var experimentIds = new HashSet<long>();
        foreach (var response in responses)
        {
            string body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {body}");
            using var run = JsonDocument.Parse(body);
            experimentIds.Add(run.RootElement.GetProperty("experimentId").GetInt64());
        }

        Assert.Single(experimentIds);
    }

    [SkippableFact]
    public async Task Concurrent_patches_adding_the_same_new_tag_all_succeed()
    {
        SkipIfUnavailable();
        var created = await _http.PostAsJsonAsync("/api/runs", new { experimentName = Unique("race-tags") });
        using var run = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        string id = run.RootElement.GetProperty("id").GetString()!;

        var responses = await Task.WhenAll(Enumerable.Range(0, Racers).Select(i =>
            _http.PatchAsJsonAsync($"/api/runs/{id}", new { tags = new Dictionary<string, string> { ["shared"] = $"v{i}", [$"own{i}"] = "x" } })));

        foreach (var response in responses)
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        using var stored = JsonDocument.Parse(await _http.GetStringAsync($"/api/runs/{id}"));
        var tags = stored.RootElement.GetProperty("tags");
        Assert.StartsWith("v", tags.GetProperty("shared").GetString(), StringComparison.Ordinal);
        Assert.All(Enumerable.Range(0, Racers), i => Assert.Equal("x", tags.GetProperty($"own{i}").GetString()));
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    private void SkipIfUnavailable()
    {
        if (factory.SkipReason is { } reason)
        {
            output.WriteLine(reason);
            throw new SkipException(reason);
        }
    }
}

public sealed class SqliteUniqueRaceTests(SqliteTrackingFactory factory, ITestOutputHelper output)
    : UniqueRaceTests(factory, output), IClassFixture<SqliteTrackingFactory>;

public sealed class PostgresUniqueRaceTests(PostgresTrackingFactory factory, ITestOutputHelper output)
    : UniqueRaceTests(factory, output), IClassFixture<PostgresTrackingFactory>;
