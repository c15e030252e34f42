using DigitForge.Domain.Datasets;
using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Spirals;

/// <summary>
/// The per-cluster random effects: radius R_j ~ N(mean_radius, radius_sd²) and, in the confounder variant, the class-0
/// ratio p_j = clip(N(0.5, confound_sd²), 0.1, 0.9). Each cluster draws from its own keyed stream, independent of the
/// split, so train and test points of a cluster share its effects.
/// </summary>
public sealed class SpiralClusterEffects
{
    private const string StreamName = "spirals.cluster-effects";

    private SpiralClusterEffects(double[] radii, double[] ratios)
    {
        Radii = radii;
        Ratios = ratios;
    }

    /// <summary>R_j per cluster; negative radii give point-reflected spirals (false negatives).</summary>
    public IReadOnlyList<double> Radii { get; }

    /// <summary>p_j per cluster: the share of class 0 in the confounder variant; 1/classes-like 0.5 otherwise.</summary>
    public IReadOnlyList<double> Ratios { get; }

    public static SpiralClusterEffects Draw(SpiralArguments arguments, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var radii = new double[arguments.Clusters];
        var ratios = new double[arguments.Clusters];
        for (int j = 0; j < radii.Length; j++)
        {
            var random = KeyedRandom.For(seed, DatasetRowKey.For(StreamName, j));
            radii[j] = arguments.MeanRadius + (arguments.RadiusSd * random.NextNormal());
            double ratio = 0.5 + (arguments.ConfoundSd * random.NextNormal());
            ratios[j] = arguments.Confounded ? Math.Clamp(ratio, SpiralArguments.MinRatio, SpiralArguments.MaxRatio) : 0.5;
        }

        return new SpiralClusterEffects(radii, ratios);
    }
}
