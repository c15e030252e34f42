using System.Diagnostics;
using System.Globalization;
using DigitForge.FunctionalTests.Gasten;
using DigitForge.FunctionalTests.Jobs;
using DigitForge.Infrastructure.Data;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DigitForge.FunctionalTests.Ambiguity;

/// <summary>
/// The ambiguity issue's results check on real digits (opt-in like <see cref="GastenResultsCheck"/>:
/// <c>DIGITFORGE_GASTEN_BENCH=1</c>, bench/ambiguity-results.sh): CNN classifiers (nf 1, 2, 4) for a pair, the gasten
/// kind's <c>cpu</c> preset at α = 25 from step-1 epoch 5, then gasten-ambiguity on every step-2 run's last epoch with
/// the reference's defaults (15,000 images, acd 0.1, 20 trials). Prints the table for bench/README.md. Environment:
/// GASTEN_POS/GASTEN_NEG (7/1), AMBIGUITY_IMAGES (15000), AMBIGUITY_ITER (20), GASTEN_CLASSIFIER_EPOCHS (7).
/// The two halves can run as two processes (steps 1-2 take about 18 minutes, so a change to steps 3-5 need not redo
/// them): AMBIGUITY_DATA_DIR keeps the data directory, AMBIGUITY_STOP_AFTER_GASTEN=1 ends after GASTeN (printing its
/// job id), and AMBIGUITY_GASTEN_JOB=&lt;id&gt; with the same data directory starts from that finished gasten job.
/// </summary>
public sealed class AmbiguityResultsCheck(ITestOutputHelper output) : IDisposable
{
    private readonly JobsApiFactory _factory = new(Environment.GetEnvironmentVariable("AMBIGUITY_DATA_DIR") is { Length: > 0 } dir ? Directory.CreateDirectory(dir).FullName : null);

    public void Dispose() => _factory.Dispose();

    [GastenBenchFact]
    public async Task Ambiguous_images_of_each_step_2_run_cluster_into_prototypes()
    {
        string Env(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : fallback;
        int pos = int.Parse(Env("GASTEN_POS", "7"), CultureInfo.InvariantCulture);
        int neg = int.Parse(Env("GASTEN_NEG", "1"), CultureInfo.InvariantCulture);
        int images = int.Parse(Env("AMBIGUITY_IMAGES", "15000"), CultureInfo.InvariantCulture);
        int iterations = int.Parse(Env("AMBIGUITY_ITER", "20"), CultureInfo.InvariantCulture);
        var client = new JobsClient(_factory.CreateClient());
        var clock = Stopwatch.StartNew();
        string gastenId;
        if (Env("AMBIGUITY_GASTEN_JOB", string.Empty) is { Length: > 0 } reused)
        {
            gastenId = reused;
            output.WriteLine($"steps 3-5 on the finished gasten job {gastenId} in {_factory.DataDir}");
        }
        else
        {
            await _factory.Services.GetRequiredService<DataImporter>().ImportAsync(GanDigitsProofTests.NpmDigits()!);
            var classifiers = await client.LaunchAsync("gasten-classifier", new { pos, neg, nf = "1,2,4", epochs = Env("GASTEN_CLASSIFIER_EPOCHS", "7"), device = "cpu" });
            classifiers = await client.WaitForEndAsync(classifiers.Id, TimeSpan.FromHours(1));
            Assert.True(classifiers.Status == "FINISHED", classifiers.Error);
            var gasten = await client.LaunchAsync("gasten", new { pos, neg, classifiers = classifiers.Id, preset = "cpu", weights = "25", step1_epoch_list = "5", device = "cpu" });
            gasten = await client.WaitForEndAsync(gasten.Id, TimeSpan.FromHours(3));
            Assert.True(gasten.Status == "FINISHED", gasten.Error);
            gastenId = gasten.Id;
            output.WriteLine($"classifiers + gasten: {clock.Elapsed.TotalSeconds:0} s; gasten job {gastenId} in {_factory.DataDir}");
            if (Env("AMBIGUITY_STOP_AFTER_GASTEN", "0") == "1")
            {
                return;
            }
        }

        var step2 = (await client.ChildrenAsync(await client.GetRunAsync(gastenId))).Where(r => r.Params["job_type"] == "step-2").OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        output.WriteLine("| classifier | #test | #syn of N | FID-all | FID-kept | silhouette | CH | DB | clusters | best (nn, min_dist, comps, gmm) | proto cos sim | search s | total s |");
        foreach (var s in step2)
        {
            var started = clock.Elapsed;
            var job = await client.LaunchAsync("gasten-ambiguity", new { run = s.Id, images, n_iter = iterations, device = "cpu" });
            job = await client.WaitForEndAsync(job.Id, TimeSpan.FromHours(2));
            Assert.True(job.Status == "FINISHED", job.Error);
            var run = await client.GetRunAsync(job.Id);
            async Task<string> M(string key, string format)
            {
                var values = (await client.MetricHistoryAsync(job.Id, key)).GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToList();
                return values.Count == 0 ? "–" : values[^1].ToString(format, CultureInfo.InvariantCulture);
            }

            output.WriteLine(
                $"| {s.Params["classifier"]} | {await M("n_tst_ambiguous_images", "0")} | {await M("n_ambiguous_images", "0")} of {images} | {await M("fid_score_all", "0.00")} | {await M("fid_score_ambiguous", "0.00")} | " +
                $"{await M("silhouette_score", "0.000")} | {await M("calinski_harabasz_score", "0")} | {await M("davies_bouldin_score", "0.000")} | {await M("n_clusters", "0")} | " +
                $"{run.Params["best_umap__n_neighbors"]}, {run.Params["best_umap__min_dist"]}, {run.Params["best_umap__n_components"]}, {run.Params["best_gmm__n_components"]} | " +
                $"{await M("prototype_cosine_similarity", "0.000")} | {await M("search_seconds", "0")} | {(clock.Elapsed - started).TotalSeconds:0} |");
        }
    }
}
