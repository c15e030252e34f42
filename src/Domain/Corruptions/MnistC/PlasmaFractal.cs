using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
/// <para>
/// Every value of the map is needed even when only a corner is used: the normalisation takes the minimum and maximum
/// of the whole map. What can be skipped is normalising the part nobody reads (<see cref="GenerateCorner"/>), and the
/// per-value costs of the straightforward loop: the draws are taken a row at a time with the generator's state in
/// registers, a corner pair's sum is shared by the two squares beside it (the same additions in the same order), and
/// the neighbours are read without bounds checks. Same operations on the same operands, so the same bits.
/// </para>
/// </remarks>
public static class PlasmaFractal
{
    /// <summary>Fills <paramref name="map"/> (mapSize x mapSize, row-major) with the normalised fractal.</summary>
    public static void Generate(Span<double> map, int mapSize, double wibbleDecay, Func<double> nextUniform)
    {
        ArgumentNullException.ThrowIfNull(nextUniform);
        var source = new DelegateSource(nextUniform);
        Build(map, mapSize, wibbleDecay, ref source);
        Normalise(map, mapSize, mapSize, mapSize);
    }

    /// <summary>The fractal from a keyed stream (the hot path: no delegate call per value).</summary>
    public static void Generate(Span<double> map, int mapSize, double wibbleDecay, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var source = new KeyedSource(random);
        Build(map, mapSize, wibbleDecay, ref source);
        Normalise(map, mapSize, mapSize, mapSize);
    }

    /// <summary>
    /// The whole map built and its range taken, as <see cref="Generate(Span{double}, int, double, KeyedRandom)"/>, but
    /// only the top-left <paramref name="rows"/> x <paramref name="cols"/> values normalised (the rest stay raw): what a
    /// crop reads, with the same values and the same draws consumed.
    /// </summary>
    public static void GenerateCorner(Span<double> map, int mapSize, double wibbleDecay, KeyedRandom random, int rows, int cols)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, mapSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cols, mapSize);
        var source = new KeyedSource(random);
        Build(map, mapSize, wibbleDecay, ref source);
        Normalise(map, mapSize, rows, cols);
    }

    private static void Build<TSource>(Span<double> map, int mapSize, double wibbleDecay, ref TSource source)
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
        // Scratch per row: up to n/2 draws and n/2 + 1 corner-pair sums.
        double[]? rented = null;
        Span<double> scratch = n <= 1024 ? stackalloc double[n + 1] : (rented = ArrayPool<double>.Shared.Rent(n + 1));
        try
        {
            map[0] = 0;
            int step = n;
            double wibble = 100;
            ref double m = ref MemoryMarshal.GetReference(map);
            while (step >= 2)
            {
                int half = step / 2;
                int cells = n / step;
                double low = -wibble;
                double span = wibble - low;
                Span<double> draws = scratch[..cells];
                Span<double> pairs = scratch.Slice(cells, cells + 1);
                ref double d = ref MemoryMarshal.GetReference(draws);
                ref double p = ref MemoryMarshal.GetReference(pairs);

                // Squares: centre (i*step + half, j*step + half) from the corners (i, j), (i+1, j), (i, j+1), (i+1, j+1),
                // summed as (corner(i, j) + corner(i+1, j)) + (corner(i, j+1) + corner(i+1, j+1)): column pairs first.
                for (int i = 0; i < cells; i++)
                {
                    int r0 = i * step;
                    int r1 = i + 1 == cells ? 0 : r0 + step;
                    ref double top = ref Unsafe.Add(ref m, r0 * n);
                    ref double bottom = ref Unsafe.Add(ref m, r1 * n);
                    ref double centres = ref Unsafe.Add(ref m, ((r0 + half) * n) + half);
                    source.Fill(draws);
                    for (int j = 0; j < cells; j++)
                    {
                        Unsafe.Add(ref p, j) = Unsafe.Add(ref top, j * step) + Unsafe.Add(ref bottom, j * step);
                    }

                    Unsafe.Add(ref p, cells) = p; // the torus wraps: the last square's right corners are column 0
                    for (int j = 0; j < cells; j++)
                    {
                        double sum = Unsafe.Add(ref p, j) + Unsafe.Add(ref p, j + 1);
                        Unsafe.Add(ref centres, j * step) = (sum * 0.25) + (wibble * (low + (span * Unsafe.Add(ref d, j))));
                    }
                }

                // Diamonds on corner rows: (i*step, j*step + half) from the centres below and above and the corners left and right.
                for (int i = 0; i < cells; i++)
                {
                    int r = i * step;
                    int above = (i == 0 ? n - step : r - step) + half;
                    ref double corners = ref Unsafe.Add(ref m, r * n);
                    ref double below = ref Unsafe.Add(ref m, ((r + half) * n) + half);
                    ref double aboveRow = ref Unsafe.Add(ref m, (above * n) + half);
                    source.Fill(draws);
                    for (int j = 0; j < cells; j++)
                    {
                        int c = j * step;
                        int cRight = j + 1 == cells ? 0 : c + step;
                        double sum = (Unsafe.Add(ref below, c) + Unsafe.Add(ref aboveRow, c)) + (Unsafe.Add(ref corners, c) + Unsafe.Add(ref corners, cRight));
                        Unsafe.Add(ref corners, c + half) = (sum * 0.25) + (wibble * (low + (span * Unsafe.Add(ref d, j))));
                    }
                }

                // Diamonds on corner columns: (i*step + half, j*step) from the centres right and left and the corners above and below.
                for (int i = 0; i < cells; i++)
                {
                    int r = i * step;
                    int rDown = i + 1 == cells ? 0 : r + step;
                    ref double corners = ref Unsafe.Add(ref m, r * n);
                    ref double cornersDown = ref Unsafe.Add(ref m, rDown * n);
                    ref double middle = ref Unsafe.Add(ref m, (r + half) * n);
                    source.Fill(draws);
                    for (int j = 0; j < cells; j++)
                    {
                        int c = j * step;
                        int left = j == 0 ? n - half : c - half;
                        double sum = (Unsafe.Add(ref middle, c + half) + Unsafe.Add(ref middle, left)) + (Unsafe.Add(ref corners, c) + Unsafe.Add(ref cornersDown, c));
                        Unsafe.Add(ref middle, c) = (sum * 0.25) + (wibble * (low + (span * Unsafe.Add(ref d, j))));
                    }
                }

                step /= 2;
                wibble /= wibbleDecay;
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// The reference's <c>map -= map.min(); map /= map.max()</c> on the top-left rows x cols: the maximum after the
    /// subtraction is the raw maximum minus the minimum (rounding is monotonic), so one pass finds both.
    /// </summary>
    private static void Normalise(Span<double> map, int mapSize, int rows, int cols)
    {
        var (min, max) = Range(map);
        double top = max - min;
        for (int r = 0; r < rows; r++)
        {
            Span<double> row = map.Slice(r * mapSize, cols);
            for (int c = 0; c < row.Length; c++)
            {
                row[c] = (row[c] - min) / top;
            }
        }
    }

    private static (double Min, double Max) Range(ReadOnlySpan<double> values)
    {
        double min = double.PositiveInfinity;
        double max = double.NegativeInfinity;
        int i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<double>.Count)
        {
            var vectors = MemoryMarshal.Cast<double, Vector<double>>(values);
            var vmin = new Vector<double>(double.PositiveInfinity);
            var vmax = new Vector<double>(double.NegativeInfinity);
            foreach (var v in vectors)
            {
                vmin = Vector.Min(vmin, v);
                vmax = Vector.Max(vmax, v);
            }

            for (int k = 0; k < Vector<double>.Count; k++)
            {
                min = Math.Min(min, vmin[k]);
                max = Math.Max(max, vmax[k]);
            }

            i = vectors.Length * Vector<double>.Count;
        }

        for (; i < values.Length; i++)
        {
            min = Math.Min(min, values[i]);
            max = Math.Max(max, values[i]);
        }

        return (min, max);
    }

    private interface IUniformSource
    {
        void Fill(Span<double> uniforms);
    }

    private readonly struct DelegateSource(Func<double> next) : IUniformSource
    {
        public void Fill(Span<double> uniforms)
        {
            for (int i = 0; i < uniforms.Length; i++)
            {
                uniforms[i] = next();
            }
        }
    }

    private readonly struct KeyedSource(KeyedRandom random) : IUniformSource
    {
        public void Fill(Span<double> uniforms) => random.NextDoubles(uniforms);
    }
}
