using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Corruptions.MnistC;

/// <summary>
/// MNIST-C's <c>plasma_fractal(mapsize, wibbledecay)</c>: a diamond-square height map on a torus (neighbours wrap, as
/// the reference's <c>np.roll</c>), min-max normalised to 0..1.
/// </summary>
/// <remarks>
/// Follows the reference step by step: <c>map[0, 0] = 0</c>, wibble starts at 100; per level (stepsize from mapsize
/// down to 2) the square centres get <c>sum_of_4_corners / 4 + wibble * uniform(-wibble, wibble)</c>, then the two
/// diamond sets (row-aligned first, then column-aligned) likewise, each set drawn in C order; after each level
/// <c>wibble /= wibbledecay</c>. <paramref name="nextUniform"/> supplies the uniforms in [0, 1) in the reference's draw
/// order, so a NumPy-compatible stream reproduces the reference's map exactly and any other stream gives the same
/// distribution.
/// </remarks>
public static class PlasmaFractal
{
    /// <summary>Fills <paramref name="map"/> (mapSize x mapSize, row-major) with the normalised fractal.</summary>
    public static void Generate(Span<double> map, int mapSize, double wibbleDecay, Func<double> nextUniform)
    {
        ArgumentNullException.ThrowIfNull(nextUniform);
        var source = new DelegateSource(nextUniform);
        Generate(map, mapSize, wibbleDecay, ref source);
    }

    /// <summary>The fractal from a keyed stream (the hot path: no delegate call per value).</summary>
    public static void Generate(Span<double> map, int mapSize, double wibbleDecay, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var source = new KeyedSource(random);
        Generate(map, mapSize, wibbleDecay, ref source);
    }

    private static void Generate<TSource>(Span<double> map, int mapSize, double wibbleDecay, ref TSource source)
        where TSource : struct, IUniformSource
    {
        if (mapSize < 2 || (mapSize & (mapSize - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(mapSize), mapSize, "The map size must be a power of two.");
        }

        if (map.Length != mapSize * mapSize)
        {
            throw new ArgumentException($"Expected {mapSize * mapSize} values.", nameof(map));
        }

        int n = mapSize;
        map[0] = 0;
        int step = n;
        double wibble = 100;
        // Neighbours wrap around the torus (np.roll); the wrapped index is picked by a comparison, not a modulo, which
        // would cost more than the rest of a cell's arithmetic.
        while (step >= 2)
        {
            int half = step / 2;
            int cells = n / step;
            double low = -wibble;
            double span = wibble - low;

            // Squares: centre (i*step + half, j*step + half) from the corners (i, j), (i+1, j), (i, j+1), (i+1, j+1).
            for (int i = 0; i < cells; i++)
            {
                int r0 = i * step;
                int r1 = i + 1 == cells ? 0 : r0 + step;
                for (int j = 0; j < cells; j++)
                {
                    int c0 = j * step;
                    int c1 = j + 1 == cells ? 0 : c0 + step;
                    double sum = (map[(r0 * n) + c0] + map[(r1 * n) + c0]) + (map[(r0 * n) + c1] + map[(r1 * n) + c1]);
                    map[((r0 + half) * n) + c0 + half] = (sum / 4) + (wibble * (low + (span * source.Next())));
                }
            }

            // Diamonds on corner rows: (i*step, j*step + half) from the centres below and above and the corners left and right.
            for (int i = 0; i < cells; i++)
            {
                int r = i * step;
                int above = (i == 0 ? n - step : r - step) + half;
                for (int j = 0; j < cells; j++)
                {
                    int c = j * step;
                    int cRight = j + 1 == cells ? 0 : c + step;
                    double sum = (map[((r + half) * n) + c + half] + map[(above * n) + c + half]) + (map[(r * n) + c] + map[(r * n) + cRight]);
                    map[(r * n) + c + half] = (sum / 4) + (wibble * (low + (span * source.Next())));
                }
            }

            // Diamonds on corner columns: (i*step + half, j*step) from the centres right and left and the corners above and below.
            for (int i = 0; i < cells; i++)
            {
                int r = i * step;
                int rDown = i + 1 == cells ? 0 : r + step;
                for (int j = 0; j < cells; j++)
                {
                    int c = j * step;
                    int left = (j == 0 ? n - step : c - step) + half;
                    double sum = (map[((r + half) * n) + c + half] + map[((r + half) * n) + left]) + (map[(r * n) + c] + map[(rDown * n) + c]);
                    map[((r + half) * n) + c] = (sum / 4) + (wibble * (low + (span * source.Next())));
                }
            }

            step /= 2;
            wibble /= wibbleDecay;
        }

        double min = double.PositiveInfinity;
        foreach (double v in map)
        {
            min = Math.Min(min, v);
        }

        double max = double.NegativeInfinity;
        for (int i = 0; i < map.Length; i++)
        {
            map[i] -= min;
            max = Math.Max(max, map[i]);
        }

        for (int i = 0; i < map.Length; i++)
        {
            map[i] /= max;
        }
    }

    private interface IUniformSource
    {
        double Next();
    }

    private readonly struct DelegateSource(Func<double> next) : IUniformSource
    {
        public double Next() => next();
    }

    private readonly struct KeyedSource(KeyedRandom random) : IUniformSource
    {
        public double Next() => random.NextDouble();
    }
}
