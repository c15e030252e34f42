namespace DigitForge.Domain.Clustering;

/// <summary>
/// UMAP's settings with umap-learn's defaults: n_neighbors 15, min_dist 0.1, spread 1, 2 components,
/// negative_sample_rate 5, learning_rate 1, repulsion_strength 1, n_epochs 500 up to 10,000 points else 200 (0 = that rule).
/// </summary>
public sealed record UmapOptions(
    int Neighbors = 15,
    double MinDist = 0.1,
    int Components = 2,
    ulong Seed = 0,
    int Epochs = 0,
    double Spread = 1.0,
    int NegativeSampleRate = 5,
    double LearningRate = 1.0,
    double RepulsionStrength = 1.0)
{
    public int EpochsFor(int count) => Epochs > 0 ? Epochs : count <= 10_000 ? 500 : 200;
}
