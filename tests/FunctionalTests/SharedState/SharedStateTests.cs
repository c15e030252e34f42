using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DigitForge.FunctionalTests.Jobs;
using DigitForge.TestSupport;

namespace DigitForge.FunctionalTests.SharedState;

/// <summary>PostgreSQL and an S3-compatible server shared by the hosts of one test class.</summary>
public sealed class SharedStateFixture : IDisposable
{
    public PostgresServer? Postgres { get; } = PostgresServer.Start();

    public S3Server? S3 { get; } = S3Server.Start();

    public void Dispose()
    {
        Postgres?.Dispose();
        S3?.Dispose();
    }
}

/// <summary>An API host with its own data directory that shares only PostgreSQL and an S3 bucket with the others.</summary>
public sealed class SharedStateApiFactory(string connectionString, string s3Url, string bucket, bool runJobs)
    : JobsApiFactory(null, runJobs, connectionString)
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        .. base.Settings(),
        new("DigitForge:Artifacts:Store", "s3"),
        new("DigitForge:Artifacts:ServiceUrl", s3Url),
        new("DigitForge:Artifacts:Bucket", bucket),
        new("DigitForge:Artifacts:CreateBucket", "true"),
        new("DigitForge:Artifacts:AccessKey", "S3RVER"),
        new("DigitForge:Artifacts:SecretKey", "S3RVER"),
    ];
}

/// <summary>
/// Two API replicas that share nothing but PostgreSQL and S3 (separate data directories): a dataset created through
/// one downloads byte for byte through the other, and a job queued through one and run by the other's worker has its
/// artifacts readable through both.
/// </summary>
public sealed class SharedStateTests(SharedStateFixture fixture) : IClassFixture<SharedStateFixture>
{
    [SkippableFact]
    public async Task Datasets_jobs_and_artifacts_are_visible_through_either_replica()
    {
        Skip.If(fixture.Postgres is null, PostgresServer.SkipReason);
        Skip.If(fixture.S3 is null, S3Server.SkipReason);
        string database = fixture.Postgres.CreateDatabase();
        string bucket = "shared-" + Guid.NewGuid().ToString("N")[..12];
        using var api1 = new SharedStateApiFactory(database, fixture.S3.ServiceUrl, bucket, runJobs: false);
        using var api2 = new SharedStateApiFactory(database, fixture.S3.ServiceUrl, bucket, runJobs: true);
        var client1 = new JobsClient(api1.CreateClient());
        var client2 = new JobsClient(api2.CreateClient());

        var created = await client1.Http.PostAsync("/api/datasets", new StringContent(JobsClient.SmallDataset, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        string id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        byte[] from1 = await client1.Http.GetByteArrayAsync($"/api/datasets/{id}/download?format=npz");
        byte[] from2 = await client2.Http.GetByteArrayAsync($"/api/datasets/{id}/download?format=npz");
        Assert.Equal(from1, from2);
        Assert.False(Directory.Exists(Path.Combine(api1.DataDir, "datasets")), "the catalog went to files, not to the database");

        // Queued through replica 1 (which runs no jobs), run by replica 2's worker, read back through replica 1.
        var job = await client1.LaunchAsync("classifier", new { model = "logistic", steps = 5, eval_every = 5, dataset = JobsClient.SmallDataset });
        job = await client1.WaitForEndAsync(job.Id);
        Assert.True(job.Status == "FINISHED", job.Error);
        string? log1 = await client1.ArtifactTextAsync(job.Id, DigitForge.Application.Jobs.JobTags.LogArtifact);
        string? log2 = await client2.ArtifactTextAsync(job.Id, DigitForge.Application.Jobs.JobTags.LogArtifact);
        Assert.NotNull(log1);
        Assert.Equal(log1, log2);
        Assert.False(Directory.Exists(Path.Combine(api2.DataDir, "artifacts")), "artifacts went to the data directory, not to S3");
    }
}
