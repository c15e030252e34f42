using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
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
/// registers, a corner pair's sum is shared by the two squares beside it (the same additions in the same order), the
/// neighbours are read without bounds checks, and the last level runs four cells per AVX2 instruction. Same
/// operations on the same operands, so the same bits.
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
                if (step == 2 && n >= 8 && Avx2.IsSupported)
                {
                    LastLevel(ref m, n, wibble, scratch, ref source);
                    break;
                }

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
    /// The last level (step 2, three quarters of the map) four cells at a time with AVX2: the same additions and
    /// multiplications per cell as <see cref="Build"/>'s scalar loops, on operands gathered from the even or odd
    /// columns, so the same bits.
    /// </summary>
    private static void LastLevel<TSource>(ref double m, int n, double wibble, Span<double> scratch, ref TSource source)
        where TSource : struct, IUniformSource
    {
        int cells = n / 2;
        Span<double> draws = scratch[..cells];
        ref double d = ref MemoryMarshal.GetReference(draws);
        ref double q = ref scratch[cells];
        var quarter = Vector256.Create(0.25);
        var w = Vector256.Create(wibble);
        var low = Vector256.Create(-wibble);
        var span = Vector256.Create(wibble - -wibble);

        // Squares: row 2i+1, odd columns, from the even columns of rows 2i and 2i+2. q[j] = column pair sum at 2j.
        for (int i = 0; i < cells; i++)
        {
            int r0 = 2 * i;
            int r1 = i + 1 == cells ? 0 : r0 + 2;
            ref double top = ref Unsafe.Add(ref m, r0 * n);
            ref double bottom = ref Unsafe.Add(ref m, r1 * n);
            ref double centres = ref Unsafe.Add(ref m, (r0 + 1) * n);
            source.Fill(draws);
            for (int k = 0; k < n; k += 8)
            {
                Vector256.StoreUnsafe(Evens(ref top, k) + Evens(ref bottom, k), ref q, (nuint)(k / 2));
            }

            Unsafe.Add(ref q, cells) = q;
            for (int j = 0; j < cells; j += 4)
            {
                var sum = Vector256.LoadUnsafe(ref q, (nuint)j) + Vector256.LoadUnsafe(ref q, (nuint)(j + 1));
                var value = (sum * quarter) + (w * (low + (span * Vector256.LoadUnsafe(ref d, (nuint)j))));

                // Each value twice: the odd column gets it, the even one beside it is a diamond written later.
                Vector256.StoreUnsafe(Avx2.Permute4x64(value, 0b01_01_00_00), ref centres, (nuint)(2 * j));
                Vector256.StoreUnsafe(Avx2.Permute4x64(value, 0b11_11_10_10), ref centres, (nuint)((2 * j) + 4));
            }
        }

        // Diamonds on corner rows: row 2i, odd columns, from the centres below and above and the corners beside.
        for (int i = 0; i < cells; i++)
        {
            int r = 2 * i;
            int above = i == 0 ? n - 1 : r - 1;
            ref double corners = ref Unsafe.Add(ref m, r * n);
            ref double below = ref Unsafe.Add(ref m, (r + 1) * n);
            ref double aboveRow = ref Unsafe.Add(ref m, above * n);
            source.Fill(draws);
            for (int k = 0; k < n; k += 8)
            {
                Vector256.StoreUnsafe(Evens(ref corners, k), ref q, (nuint)(k / 2));
            }

            Unsafe.Add(ref q, cells) = q;
            for (int j = 0; j < cells; j += 4)
            {
                var left = Vector256.LoadUnsafe(ref q, (nuint)j);
                var sum = (Odds(ref below, 2 * j) + Odds(ref aboveRow, 2 * j)) + (left + Vector256.LoadUnsafe(ref q, (nuint)(j + 1)));
                var value = (sum * quarter) + (w * (low + (span * Vector256.LoadUnsafe(ref d, (nuint)j))));
                Interleave(left, value, ref corners, 2 * j);
            }
        }

        // Diamonds on corner columns: row 2i+1, even columns, from the centres right and left and the corners above and below.
        // q[0] = the centre left of column 0 (the torus wraps), q[1 + j] = the centre at 2j + 1.
        for (int i = 0; i < cells; i++)
        {
            int r = 2 * i;
            int rDown = i + 1 == cells ? 0 : r + 2;
            ref double corners = ref Unsafe.Add(ref m, r * n);
            ref double cornersDown = ref Unsafe.Add(ref m, rDown * n);
            ref double middle = ref Unsafe.Add(ref m, (r + 1) * n);
            source.Fill(draws);
            q = Unsafe.Add(ref middle, n - 1);
            for (int k = 0; k < n; k += 8)
            {
                Vector256.StoreUnsafe(Odds(ref middle, k), ref q, (nuint)((k / 2) + 1));
            }

            for (int j = 0; j < cells; j += 4)
            {
                var right = Vector256.LoadUnsafe(ref q, (nuint)(j + 1));
                var sum = (right + Vector256.LoadUnsafe(ref q, (nuint)j)) + (Evens(ref corners, 2 * j) + Evens(ref cornersDown, 2 * j));
                var value = (sum * quarter) + (w * (low + (span * Vector256.LoadUnsafe(ref d, (nuint)j))));
                Interleave(value, right, ref middle, 2 * j);
            }
        }
    }

    /// <summary>Columns k, k+2, k+4, k+6 of a row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Evens(ref double row, int k) =>
        Avx2.Permute4x64(Avx.UnpackLow(Vector256.LoadUnsafe(ref row, (nuint)k), Vector256.LoadUnsafe(ref row, (nuint)(k + 4))), 0b11_01_10_00);

    /// <summary>Columns k+1, k+3, k+5, k+7 of a row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Odds(ref double row, int k) =>
        Avx2.Permute4x64(Avx.UnpackHigh(Vector256.LoadUnsafe(ref row, (nuint)k), Vector256.LoadUnsafe(ref row, (nuint)(k + 4))), 0b11_01_10_00);

    /// <summary>Stores (even0, odd0, even1, odd1, ...) to columns k..k+7.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Interleave(Vector256<double> even, Vector256<double> odd, ref double row, int k)
    {
        var low = Avx.UnpackLow(even, odd);
        var high = Avx.UnpackHigh(even, odd);
        Vector256.StoreUnsafe(Avx.Permute2x128(low, high, 0x20), ref row, (nuint)k);
        Vector256.StoreUnsafe(Avx.Permute2x128(low, high, 0x31), ref row, (nuint)(k + 4));
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
