using System.Globalization;
using System.Text.Json;
using DigitForge.Application.Training;
using Microsoft.Extensions.Options;

namespace DigitForge.Application.Experiments.Gasten;

/// <summary>
/// Chooses FID's network for a run: pytorch-fid's Inception-v3 when its weight file is there
/// (<see cref="GastenOptions.InceptionWeights"/>, else <c>&lt;data dir&gt;/gasten/</c> + <see cref="GastenOptions.DefaultWeightsFile"/>),
/// otherwise the digit feature network; and caches reference statistics per (network, source origin, pair, images).
/// </summary>
public sealed class FidNetworks(IOptions<GastenOptions> options)
{
    /// <summary>The Inception weight file this configuration uses, or null when there is none (then the digit network).</summary>
    public string? InceptionWeightsFor(GastenCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        string? configured = options.Value.InceptionWeights;
        string path = string.IsNullOrWhiteSpace(configured) ? cache.PathOf(GastenOptions.DefaultWeightsFile) : configured;
        return File.Exists(path) ? Path.GetFullPath(path) : null;
    }

    public async Task<FidNetwork> LoadAsync(
        ITrainer trainer, ExperimentDataset data, string source, int size, GastenCache cache, TrainingDevice device, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(log);
        string? weights = InceptionWeightsFor(cache);
        if (weights is not null)
        {
            string fingerprint = InceptionFeatures.Fingerprint(weights);
            log($"FID features: {InceptionFeatures.Name} with {weights} (sha256 {fingerprint}...)");
            var model = trainer.CreateModel(InceptionFeatures.Description(weights, size), device, 0);
            return new FidNetwork(InceptionFeatures.Name, model, -1, InceptionFeatures.Features, $"{InceptionFeatures.Name}-{fingerprint}", fingerprint);
        }

        if (!string.IsNullOrWhiteSpace(options.Value.InceptionWeights))
        {
            log($"FID features: {options.Value.InceptionWeights} ({GastenOptions.SectionName}:InceptionWeights) does not exist; using {DigitFeatureNetwork.Name}");
        }

        var digits = await DigitFeatureNetwork.LoadOrTrainAsync(trainer, data, source, cache, device, log, cancellationToken);
        return new FidNetwork(DigitFeatureNetwork.Name, digits, DigitFeatureNetwork.FeatureLayers, DigitFeatureNetwork.Features, DigitFeatureNetwork.Name);
    }

    /// <summary>Reference statistics of the binary train set in <paramref name="network"/>'s space, cached per (network, source, pair, images).</summary>
    public static async Task<GaussianStats> ReferenceStatsAsync(
        FidNetwork network, BinaryPairData pair, GastenCache cache, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(cache);
        var all = pair.AllTrain;
        string file = string.Create(CultureInfo.InvariantCulture, $"fid-stats.{network.StatsKey}.{pair.Source}.{cache.Origin}.{pair.PairName}.{all.Count}.json");
        string path = cache.PathOf(file);
        if (cache.TryFetch(file) && JsonSerializer.Deserialize<StoredStats>(File.ReadAllText(path)) is { } stored && stored.Mu.Length == network.Features)
        {
            log($"FID reference statistics from the cache ({path})");
            return stored.ToStats();
        }

        var stats = network.StatsOf(all.X, all.Count);
        Directory.CreateDirectory(cache.Directory);
        string temporary = path + $".{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(StoredStats.From(stats)));
        File.Move(temporary, path, overwrite: true);
        await cache.ShareAsync(file, cancellationToken);
        log($"FID reference statistics over {all.Count:N0} {pair.PairName} train images cached at {path}");
        return stats;
    }

    private sealed record StoredStats(double[] Mu, double[][] Sigma, int Count)
    {
        public static StoredStats From(GaussianStats s) =>
            new(s.Mu, [.. Enumerable.Range(0, s.Dimensions).Select(i => Enumerable.Range(0, s.Dimensions).Select(j => s.Sigma[i, j]).ToArray())], s.Count);

        public GaussianStats ToStats()
        {
            var sigma = new double[Mu.Length, Mu.Length];
            for (int i = 0; i < Mu.Length; i++)
            {
                for (int j = 0; j < Mu.Length; j++)
                {
                    sigma[i, j] = Sigma[i][j];
                }
            }

            return new GaussianStats(Mu, sigma, Count);
        }
    }
}
