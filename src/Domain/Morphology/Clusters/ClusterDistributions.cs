using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Morphology.Clusters;

/// <summary>
/// Where cluster parameters come from. Defaults follow ARMED: thickness ~ N(2.7, 1) (not clipped), swelling strength ~
/// N(3, 1) clipped to [0, 5], fractures = int(clip(N(3, 1), 1, 10)); and, as documented here because the reference
/// never implemented them, blur sigma ~ U(0, 1) and noise s.d. ~ U(0, 0.1) (28x28 pixels; fraction of full intensity).
/// </summary>
public sealed record ClusterDistributions
{
    public double ThicknessMean { get; init; } = 2.7;

    public double ThicknessSd { get; init; } = 1;

    public double SwellingMean { get; init; } = 3;

    public double SwellingSd { get; init; } = 1;

    public double SwellingMin { get; init; }

    public double SwellingMax { get; init; } = 5;

    public double FracturesMean { get; init; } = 3;

    public double FracturesSd { get; init; } = 1;

    public double FracturesMin { get; init; } = 1;

    public double FracturesMax { get; init; } = 10;

    public double BlurMin { get; init; }

    public double BlurMax { get; init; } = 1;

    public double NoiseMin { get; init; }

    public double NoiseMax { get; init; } = 0.1;

    /// <summary>Cluster k's parameters: a function of (seed, k) only, so adding clusters never changes earlier ones.</summary>
    public ClusterParameters Draw(ulong seed, int cluster)
    {
        // 0xC1UL, not 0xC1u: a 32-bit shift by 32 is a shift by 0, which gave clusters 0 and 1 the same key (and so the
        // same parameters) before generator version 1.1.0.
        var random = KeyedRandom.For(seed, (0xC1UL << 32) | (uint)cluster);
        double thickness = ThicknessMean + (ThicknessSd * random.NextNormal());
        double swelling = Math.Clamp(SwellingMean + (SwellingSd * random.NextNormal()), SwellingMin, SwellingMax);
        int fractures = (int)Math.Clamp(FracturesMean + (FracturesSd * random.NextNormal()), FracturesMin, FracturesMax);
        double blur = BlurMin + ((BlurMax - BlurMin) * random.NextDouble());
        double noise = NoiseMin + ((NoiseMax - NoiseMin) * random.NextDouble());
        return new ClusterParameters(thickness, swelling, fractures, blur, noise);
    }
}
