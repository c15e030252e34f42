using DigitForge.Application.Experiments.Benchmark;
using Xunit.Abstractions;

namespace DigitForge.FunctionalTests.Jobs;

/// <summary>
/// The bar, end to end: one launch with the defaults reproduces the MNIST-1D table within about 2 points of
/// the notebooks on the CPU (6000 steps per model: a few minutes of CPU, the slowest test of the suite).
/// </summary>
public sealed class BenchmarkAccuracyTests(SqliteJobsFactory factory, ITestOutputHelper output) : IClassFixture<SqliteJobsFactory>
{
    [Fact]
    [Trait("Category", "Accuracy")]
    public async Task The_default_benchmark_lands_within_two_points_of_the_published_notebooks()
    {
        var client = new JobsClient(factory.CreateClient());
        var job = await client.LaunchAsync("mnist1d-benchmark", new { device = "cpu" });
        job = await client.WaitForEndAsync(job.Id, TimeSpan.FromMinutes(30));
        Assert.True(job.Status == "FINISHED", job.Error);

        string json = (await client.ArtifactTextAsync(job.Id, BenchmarkResults.ArtifactPath))!;
        var results = BenchmarkResults.Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)))!;
        Assert.Equal(["logistic", "mlp", "cnn", "gru"], results.Rows.Select(r => r.Model));
        foreach (var row in results.Rows)
        {
            var published = PublishedAccuracy.For(row.Model, row.Variant)!;
            double distance = published.DistanceFromNotebooks(row.TestAccuracy * 100);
            output.WriteLine($"{row.Model}: {row.TestAccuracy * 100:0.0} % (notebooks {published.NotebooksMin}-{published.NotebooksMax} %, {row.Seconds:0} s)");
            Assert.True(distance <= 2, $"{row.Model}: {row.TestAccuracy * 100:0.0} % is {distance:0.0} points from the notebooks' {published.NotebooksMin}-{published.NotebooksMax} %");
        }
    }
}
