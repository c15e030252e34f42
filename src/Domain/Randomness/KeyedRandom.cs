namespace DigitForge.Domain.Randomness;

/// <summary>
/// A reproducible random stream (xoshiro256**) keyed by (seed, stream index). Every dataset row or request draws
/// from its own stream, so row i is computable without generating rows 0..i-1 and generation parallelises freely.
/// Not thread-safe: one stream per thread of work.
/// </summary>
public sealed class KeyedRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;
    private double? _spareNormal;

    private KeyedRandom(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        _s0 = s0;
        _s1 = s1;
        _s2 = s2;
        _s3 = s3;
    }

    /// <summary>The stream for (seed, key): independent streams for different keys, identical for equal inputs.</summary>
    public static KeyedRandom For(ulong seed, ulong key = 0)
    {
        // Two rounds of SplitMix64 decorrelate neighbouring seeds and keys before they fill the state.
        ulong mixer = SplitMix64(seed ^ 0x6A09E667F3BCC909UL) ^ SplitMix64(key + 0xBB67AE8584CAA73BUL);
        ulong s0 = NextSplitMix(ref mixer);
        ulong s1 = NextSplitMix(ref mixer);
        ulong s2 = NextSplitMix(ref mixer);
        ulong s3 = NextSplitMix(ref mixer);
        if ((s0 | s1 | s2 | s3) == 0)
        {
            s0 = 1;
        }

        return new KeyedRandom(s0, s1, s2, s3);
    }

    /// <summary>A stream seeded from the operating system's entropy, for requests without a seed.</summary>
    public static KeyedRandom FromEntropy()
    {
        Span<byte> bytes = stackalloc byte[16];
        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);
        return For(BitConverter.ToUInt64(bytes), BitConverter.ToUInt64(bytes[8..]));
    }

    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>
    /// Fills <paramref name="destination"/> with exactly what as many <see cref="NextDouble"/> calls would return, in
    /// order, leaving the stream where they would: the bulk form for hot loops (the state stays in registers).
    /// </summary>
    public void NextDoubles(Span<double> destination)
    {
        ulong s0 = _s0;
        ulong s1 = _s1;
        ulong s2 = _s2;
        ulong s3 = _s3;
        for (int i = 0; i < destination.Length; i++)
        {
            ulong result = RotateLeft(s1 * 5, 7) * 9;
            ulong t = s1 << 17;
            s2 ^= s0;
            s3 ^= s1;
            s1 ^= s2;
            s0 ^= s3;
            s2 ^= t;
            s3 = RotateLeft(s3, 45);

            // Below 2^53, so the signed conversion (cheaper than the unsigned one) gives the same double.
            destination[i] = (long)(result >> 11) * (1.0 / (1UL << 53));
        }

        _s0 = s0;
        _s1 = s1;
        _s2 = s2;
        _s3 = s3;
    }

    /// <summary>Uniform integer in [0, bound) without modulo bias (Lemire's method).</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        ulong range = (ulong)bound;
        UInt128 product = (UInt128)NextUInt64() * range;
        ulong low = (ulong)product;
        if (low < range)
        {
            ulong threshold = (0 - range) % range;
            while (low < threshold)
            {
                product = (UInt128)NextUInt64() * range;
                low = (ulong)product;
            }
        }

        return (int)(product >> 64);
    }

    /// <summary>Uniform integer in [min, max], both ends inclusive (Python's <c>random.randint</c> contract).</summary>
    public int NextIntInclusive(int min, int max)
    {
        if (min > max)
        {
            throw new ArgumentException("min must not exceed max.", nameof(min));
        }

        return min + NextInt(max - min + 1);
    }

    /// <summary>Standard normal deviate (Marsaglia polar method).</summary>
    public double NextNormal()
    {
        if (_spareNormal is { } spare)
        {
            _spareNormal = null;
            return spare;
        }

        double u, v, s;
        do
        {
            u = (2.0 * NextDouble()) - 1.0;
            v = (2.0 * NextDouble()) - 1.0;
            s = (u * u) + (v * v);
        }
        while (s >= 1.0 || s == 0.0);

        double factor = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spareNormal = v * factor;
        return u * factor;
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix64(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private static ulong NextSplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        ulong z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
