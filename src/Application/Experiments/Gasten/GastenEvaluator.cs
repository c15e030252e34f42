using DigitForge.Application.Training;

namespace DigitForge.Application.Experiments.Gasten;

/// <summary>A classifier under test loaded for step 2: its run, its reference name (<c>cnn-4-1</c>) and FOCD statistics.</summary>
public sealed record ClassifierUnderTest(string RunId, string Name, string Type, ITrainableModel Model, GaussianStats FocdReference, string TestLoss);

/// <summary>What one epoch's generator scores on the test noise (specs/gasten.md §3).</summary>
public sealed record EpochMetrics(double Fid, double? Focd, double? Acd, double? AmbiguousShare, int[]? Histogram, Raster? SortedGrid);

/// <summary>
/// Scores generators on a fixed test-noise set: FID against the binary train set's statistics in the feature network's
/// space; with a classifier C also FOCD (the same distance in C's embedding), ACD = mean |0.5 − C(G(z))|, the share of
/// images with 0.4 ≤ C ≤ 0.6, the 20-bin histogram of C and the grid of the first <paramref name="gridSamples"/>
/// images sorted into ten bins of C.
/// </summary>
public sealed class GastenEvaluator(FidNetwork features, GaussianStats fidReference, float[] testNoise, int zDim, int size, int gridSamples)
{
    public int Samples => testNoise.Length / zDim;

    /// <summary>The network FID comes from (the run's <c>fid_network</c>).</summary>
    public string FidNetworkName => features.Name;

    public EpochMetrics Evaluate(ITrainableModel generator, ClassifierUnderTest? classifier)
    {
        ArgumentNullException.ThrowIfNull(generator);
        int n = Samples;
        float[] images = generator.Forward(testNoise);
        double fid = FrechetDistance.Compute(fidReference, features.StatsOf(images, n));
        if (classifier is null)
        {
            return new EpochMetrics(fid, null, null, null, null, null);
        }

        float[] p = classifier.Model.Forward(images);
        int layers = GastenClassifierModels.EmbeddingLayers(classifier.Type);
        int width = classifier.Model.OutputSizeAt(layers);
        double focd = FrechetDistance.Compute(classifier.FocdReference, GaussianStats.Of(classifier.Model.Forward(images, layers), n, width));
        double acd = 0;
        int ambiguous = 0;
        foreach (float v in p)
        {
            acd += Math.Abs(0.5 - v);
            ambiguous += v is >= 0.4f and <= 0.6f ? 1 : 0;
        }

        int grid = Math.Min(gridSamples, n);
        var sorted = GastenPictures.SortedGrid(images.AsSpan(0, grid * size * size), p.AsSpan(0, grid), size);
        return new EpochMetrics(fid, focd, acd / n, (double)ambiguous / n, GastenPictures.Histogram(p), sorted);
    }
}
