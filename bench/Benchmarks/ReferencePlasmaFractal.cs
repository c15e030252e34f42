using DigitForge.Domain.Randomness;

namespace DigitForge.Benchmarks;

/// <summary>
/// The plasma fractal as fog built it before the fast path (kept verbatim for <see cref="FogBenchmarks"/>): one
/// keyed draw per value through the class, bounds-checked neighbours, the whole map normalised in two passes.
/// </summary>
internal static class ReferencePlasmaFractal
{
    public static void Generate(Span<double> map, int mapSize, double wibbleDecay, KeyedRandom random)
    {
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
                    map[((r0 + half) * n) + c0 + half] = (sum / 4) + (wibble * (low + (span * random.NextDouble())));
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
                    map[(r * n) + c + half] = (sum / 4) + (wibble * (low + (span * random.NextDouble())));
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
                    map[((r + half) * n) + c] = (sum / 4) + (wibble * (low + (span * random.NextDouble())));
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
}
