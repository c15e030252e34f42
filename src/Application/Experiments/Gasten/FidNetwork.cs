using DigitForge.Application.Training;

namespace DigitForge.Application.Experiments.Gasten;

/// <summary>
/// The network one run's FIDs come from: its <see cref="Name"/> (the run's <c>fid_network</c> param; FIDs of different
/// networks are never compared), the loaded model and which of its layers give the <see cref="Features"/>-wide
/// features. <see cref="StatsKey"/> names its cached reference statistics (the Inception weights' fingerprint included,
/// so another weight file never reuses them).
/// </summary>
public sealed class FidNetwork(string name, ITrainableModel model, int featureLayers, int features, string statsKey, string? weights = null) : IDisposable
{
    public string Name { get; } = name;

    public ITrainableModel Model { get; } = model;

    public int FeatureLayers { get; } = featureLayers;

    public int Features { get; } = features;

    public string StatsKey { get; } = statsKey;

    /// <summary>The Inception weight file's fingerprint (<see cref="InceptionFeatures.Fingerprint"/>); null for the digit network.</summary>
    public string? Weights { get; } = weights;

    /// <summary>Features of <paramref name="rows"/> images, row-major [rows, <see cref="Features"/>].</summary>
    public float[] Of(ReadOnlySpan<float> images) => Model.Forward(images, FeatureLayers);

    public GaussianStats StatsOf(ReadOnlySpan<float> images, int rows) => GaussianStats.Of(Of(images), rows, Features);

    public void Dispose() => Model.Dispose();
}
