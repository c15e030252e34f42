using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Corruptions.MnistC;

/// <summary>
/// MNIST-C <c>shot_noise</c>: <c>clip(poisson(x * c) / c, 0, 1) * 255</c> on x/255, c = 60, 25, 12, 5, 3 (default
/// severity 5, c = 3), every value drawn on its own. Poisson variates come from our keyed stream by inversion (exact
/// distribution; NumPy's draws differ).
/// </summary>
[BuiltInCorruption]
public sealed class ShotNoiseCorruption : ICorruption
{
    private static readonly int[] Rates = [60, 25, 12, 5, 3];

    public string Name => "shot_noise";

    public string Description => "Poisson (shot) noise: each value becomes Poisson(x*c)/c, fewer photons at higher severity.";

    public int DefaultSeverity => 5;

    public Raster Apply(Raster image, int severity, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(random);
        MnistCPixels.CheckSeverity(severity, Rates.Length);
        double c = Rates[severity - 1];
        var pixels = image.Pixels;
        for (int i = 0; i < pixels.Length; i++)
        {
            double lambda = pixels[i] / 255.0 * c;
            double value = Poisson(lambda, random) / c;
            pixels[i] = (float)(Math.Clamp(value, 0.0, 1.0) * 255);
        }

        return image;
    }

    /// <summary>Poisson(<paramref name="lambda"/>) by sequential inversion of one uniform; 0 for lambda &lt;= 0 (no draw).</summary>
    /// <remarks>Inversion costs O(lambda) steps; lambda is at most 60 here (c * 1), so this stays exact and cheap.</remarks>
    public static int Poisson(double lambda, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!(lambda > 0))
        {
            return 0;
        }

        double u = random.NextDouble();
        double p = Math.Exp(-lambda);
        double cumulative = p;
        int k = 0;
        // The cap guards against a uniform that rounding leaves above the summed probabilities.
        int cap = (int)(lambda + (20 * Math.Sqrt(lambda)) + 20);
        while (u >= cumulative && k < cap)
        {
            k++;
            p *= lambda / k;
            cumulative += p;
        }

        return k;
    }
}
