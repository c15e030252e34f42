using System.Runtime.CompilerServices;

namespace DigitForge.Domain.Randomness;

/// <summary>
/// NumPy's legacy <c>np.random.RandomState</c> (the global <c>np.random.*</c> functions) on MT19937, for the
/// primitives reference implementations use: <c>rand</c>/<c>random_sample</c>, <c>randn</c> (the polar Gaussian with
/// its cached second value), <c>randint</c> (masked rejection, never Lemire's method), <c>choice(n)</c>,
/// <c>permutation</c> and <c>shuffle</c>. Each method consumes the stream exactly as NumPy does, so a sequence of
/// calls reproduces NumPy's values bit for bit (up to libm's <c>log</c> for normals). Not thread-safe.
/// </summary>
public sealed class NumPyLegacyRandom
{
    private readonly Mt19937 _generator;
    private bool _hasGauss;
    private double _gauss;

    // A cached normal whose factor is still deferred: Factors[_gaussPair] * _gaussX of _gaussPairs.
    private DeferredPolarPairs? _gaussPairs;
    private int _gaussPair;
    private double _gaussX;

    /// <summary><c>np.random.seed(seed)</c> for an integer seed in [0, 2^32 - 1].</summary>
    public NumPyLegacyRandom(uint seed) => _generator = new Mt19937(seed);

    private NumPyLegacyRandom(Mt19937 generator) => _generator = generator;

    /// <summary>The underlying bit generator (its <see cref="Mt19937.Draws"/> counts the 32-bit outputs used).</summary>
    public Mt19937 Generator => _generator;

    /// <summary><c>np.random.seed(array)</c>: <c>init_by_array</c> over the 32-bit words of the key.</summary>
    public static NumPyLegacyRandom FromKey(ReadOnlySpan<uint> key) => new(Mt19937.FromKey(key));

    /// <summary>Re-seeds like <c>np.random.seed(seed)</c>, which also drops a cached normal.</summary>
    public void Seed(uint seed)
    {
        _generator.Seed(seed);
        _hasGauss = false;
        _gauss = 0.0;
        _gaussPairs = null;
    }

    /// <summary><c>rand()</c> / <c>random_sample()</c>: a uniform double in [0, 1) with 53 random bits.</summary>
    public double RandomSample() => _generator.NextDouble();

    /// <summary><c>rand(n)</c>: fills the span in order.</summary>
    public void RandomSample(Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = _generator.NextDouble();
        }
    }

    /// <summary>
    /// <c>legacy_gauss</c>: Marsaglia's polar method. Each accepted pair returns <c>f*x2</c> and caches <c>f*x1</c>
    /// for the next call; the cache survives across calls, so odd-length draws shift later ones.
    /// </summary>
    public double StandardNormal()
    {
        ResolveDeferred();
        if (_hasGauss)
        {
            _hasGauss = false;
            double cached = _gauss;
            _gauss = 0.0;
            return cached;
        }

        var (x1, x2, r2) = NextPolarPair(_generator);

        double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _gauss = f * x1;
        _hasGauss = true;
        return f * x2;
    }

    /// <summary><c>randn(n)</c> / <c>standard_normal(n)</c>: fills the span in order.</summary>
    /// <remarks>
    /// The same draws and arithmetic as calling <see cref="StandardNormal()"/> n times, a pair per polar step: a cached
    /// value first, then each accepted pair's <c>f*x2</c> followed by its <c>f*x1</c>, caching the last one if n runs out.
    /// </remarks>
    public void StandardNormal(Span<double> destination)
    {
        ResolveDeferred();
        int i = 0;
        if (_hasGauss && destination.Length > 0)
        {
            destination[i++] = StandardNormal();
        }

        var generator = _generator;
        for (; i < destination.Length; i += 2)
        {
            var (x1, x2, r2) = NextPolarPair(generator);

            double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
            destination[i] = f * x2;
            if (i + 1 < destination.Length)
            {
                destination[i + 1] = f * x1;
            }
            else
            {
                _gauss = f * x1;
                _hasGauss = true;
            }
        }
    }

    /// <summary>
    /// <c>randn(n)</c> consuming the stream exactly like <see cref="StandardNormal(Span{double})"/>, but recording each
    /// normal as <c>pairs.Factors[pair[i]] * x[i]</c> with the pair's factor computed later
    /// (<see cref="DeferredPolarPairs.ComputeFactors"/>), so the logarithms can run in parallel. A cached value left
    /// at the end stays deferred in <paramref name="pairs"/> until <see cref="ResolveDeferred"/>, which must run
    /// before <paramref name="pairs"/> is cleared or reused.
    /// </summary>
    public void StandardNormalDeferred(Span<double> x, Span<int> pair, DeferredPolarPairs pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pair.Length != x.Length)
        {
            throw new ArgumentException("x and pair need the same length.", nameof(pair));
        }

        int i = 0;
        if (_hasGauss && x.Length > 0)
        {
            if (_gaussPairs is not null && !ReferenceEquals(_gaussPairs, pairs))
            {
                ResolveDeferred();
            }

            if (_gaussPairs is not null)
            {
                x[0] = _gaussX;
                pair[0] = _gaussPair;
                _gaussPairs = null;
            }
            else
            {
                x[0] = 1.0;
                pair[0] = pairs.AddResolved(_gauss);
            }

            _hasGauss = false;
            _gauss = 0.0;
            i = 1;
        }

        var generator = _generator;
        for (; i < x.Length; i += 2)
        {
            var (x1, x2, r2) = NextPolarPair(generator);

            int index = pairs.Add(r2);
            x[i] = x2;
            pair[i] = index;
            if (i + 1 < x.Length)
            {
                x[i + 1] = x1;
                pair[i + 1] = index;
            }
            else
            {
                _hasGauss = true;
                _gaussPairs = pairs;
                _gaussPair = index;
                _gaussX = x1;
            }
        }
    }

    // The polar method's rejection loop: a point uniform in the unit disc (without its centre) and its squared radius.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (double X1, double X2, double R2) NextPolarPair(Mt19937 generator)
    {
        double x1, x2, r2;
        do
        {
            x1 = (2.0 * generator.NextDouble()) - 1.0;
            x2 = (2.0 * generator.NextDouble()) - 1.0;
            r2 = (x1 * x1) + (x2 * x2);
        }
        while (r2 >= 1.0 || r2 == 0.0);

        return (x1, x2, r2);
    }

    /// <summary>Turns a deferred cached normal into an ordinary one (computing its factor now).</summary>
    public void ResolveDeferred()
    {
        if (_gaussPairs is { } pairs)
        {
            double r2 = pairs.R2(_gaussPair);
            double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
            _gauss = f * _gaussX;
            _gaussPairs = null;
        }
    }

    /// <summary>
    /// <c>randint(low, high)</c> with the default int64 dtype: uniform in [low, high). A range of one draws nothing.
    /// </summary>
    public long RandInt(long low, long high)
    {
        if (low >= high)
        {
            throw new ArgumentException($"low ({low}) must be below high ({high}).", nameof(low));
        }

        ulong range = (ulong)(high - 1 - low);
        return (long)((ulong)low + BoundedMasked(range));
    }

    /// <summary><c>choice(n)</c> for an integer population: <c>randint(0, n)</c>.</summary>
    public long Choice(long count)
    {
        if (count <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "a must be greater than 0.");
        }

        return RandInt(0, count);
    }

    /// <summary>
    /// <c>random_interval(max)</c>: uniform in [0, max] by masking to the smallest 2^k - 1 ≥ max and rejecting.
    /// Used by <c>shuffle</c>; unlike <c>randint</c> it has no all-ones shortcut.
    /// </summary>
    public ulong Interval(ulong max)
    {
        if (max == 0)
        {
            return 0;
        }

        ulong mask = SmallestMask(max);
        ulong value;
        if (max <= uint.MaxValue)
        {
            while ((value = _generator.NextUInt32() & mask) > max)
            {
            }
        }
        else
        {
            while ((value = _generator.NextUInt64() & mask) > max)
            {
            }
        }

        return value;
    }

    /// <summary><c>permutation(n)</c>: <c>arange(n)</c> shuffled in place.</summary>
    public int[] Permutation(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var items = new int[count];
        for (int i = 0; i < count; i++)
        {
            items[i] = i;
        }

        Shuffle<int>(items);
        return items;
    }

    /// <summary><c>shuffle(x)</c> along the first axis: for i = n-1 down to 1, swap items i and <c>Interval(i)</c>.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i >= 1; i--)
        {
            int j = (int)Interval((ulong)i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    // random_bounded_uint64_fill with use_masked: 32-bit draws when the range fits, the raw word for a full range.
    private ulong BoundedMasked(ulong range)
    {
        if (range == 0)
        {
            return 0;
        }

        ulong value;
        if (range <= uint.MaxValue)
        {
            if (range == uint.MaxValue)
            {
                return _generator.NextUInt32();
            }

            uint mask = (uint)SmallestMask(range);
            while ((value = _generator.NextUInt32() & mask) > range)
            {
            }

            return value;
        }

        if (range == ulong.MaxValue)
        {
            return _generator.NextUInt64();
        }

        ulong wideMask = SmallestMask(range);
        while ((value = _generator.NextUInt64() & wideMask) > range)
        {
        }

        return value;
    }

    private static ulong SmallestMask(ulong max)
    {
        ulong mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        mask |= mask >> 32;
        return mask;
    }
}
