using System.Globalization;
using DigitForge.Application.Tracking;
using DigitForge.Application.Training;
using DigitForge.Application.Training.Layers;

namespace DigitForge.Application.Experiments.Gasten;

/// <summary>
/// The feature network of DigitForge's FID when pytorch-fid's Inception-v3 weights are not at hand (no weights can be
/// downloaded here). Version 1: Conv2d(1→16, k5, p2) → ReLU → MaxPool 2 → Conv2d(16→32, k5, p2) → ReLU → MaxPool 2 →
/// Flatten → Linear(→64) → ReLU → Linear(64→classes); the 64 features after the first linear layer's ReLU are FID's
/// features. Trained once per data source (all of its classes, all of its train images, pixels in [-1, 1]) with a
/// fixed seed (0), Adam 1e-3, batch 64, 2 shuffled epochs, and cached as
/// <c>&lt;data&gt;/gasten/digit-features-v1.&lt;source&gt;.&lt;origin&gt;.&lt;train images&gt;.pt</c>. FIDs from this network are on their own scale:
/// they are never compared with Inception FIDs (every run records <see cref="Name"/>). <see cref="FidNetworks"/> picks
/// this network only when pytorch-fid's Inception weights are not configured (<see cref="GastenOptions"/>).
/// </summary>
public static class DigitFeatureNetwork
{
    public const string Name = "digitforge-digit-features-v1";
    public const int FeatureLayers = 9;
    public const int Features = 64;
    public const ulong Seed = 0;
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static ModelDescription Description(int classes, int size = 28) => new(
        [1, size, size],
        [
            new Conv2dLayer(1, 16, 5, Padding: 2),
            new ReluLayer(),
            new MaxPool2dLayer(2, 2),
            new Conv2dLayer(16, 32, 5, Padding: 2),
            new ReluLayer(),
            new MaxPool2dLayer(2, 2),
            new FlattenLayer(),
            new LinearLayer(32 * (size / 4) * (size / 4), Features),
            new ReluLayer(),
            new LinearLayer(Features, classes),
        ]);

    /// <summary>The cached network for a source, trained first when missing; <paramref name="log"/> says which happened.</summary>
    public static async Task<ITrainableModel> LoadOrTrainAsync(
        ITrainer trainer, ExperimentDataset data, string source, GastenCache cache, TrainingDevice device, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(cache);
        string file = string.Create(CultureInfo.InvariantCulture, $"digit-features-v1.{source}.{cache.Origin}.{data.Train.Rows}.pt");
        string path = cache.PathOf(file);
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (cache.TryFetch(file))
            {
                log($"FID features: {Name} from the cache ({path})");
                return trainer.LoadModel(path, device);
            }

            log($"FID features: training {Name} once for {source} ({data.Train.Rows:N0} images, seed {Seed})");
            float[] x = Array.ConvertAll(data.Train.Features.ToArray(), v => (v * 2f) - 1f);
            var train = new LabeledData("train", x, data.Train.Labels);
            var model = trainer.CreateModel(Description(data.Classes), device, Seed);
            var recipe = new ClassifierRecipe
            {
                Optimizer = OptimizerKind.Adam,
                LearningRate = 1e-3,
                BatchSize = 64,
                Epochs = 2,
                Steps = 0,
                BatchOrder = BatchOrder.Shuffled,
                Seed = Seed,
                EvalEvery = 0,
            };
            var report = await model.TrainClassifierAsync(recipe, train, [train], null, cancellationToken);
            Directory.CreateDirectory(cache.Directory);
            string temporary = path + $".{Guid.NewGuid():N}.tmp";
            model.Save(temporary);
            File.Move(temporary, path, overwrite: true);
            await cache.ShareAsync(file, cancellationToken);
            log(string.Create(CultureInfo.InvariantCulture, $"FID features: trained in {report.Elapsed.TotalSeconds:0.0} s, cached at {path}"));
            return model;
        }
        finally
        {
            Gate.Release();
        }
    }
}
