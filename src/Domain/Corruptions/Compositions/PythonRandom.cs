namespace DigitForge.Domain.Corruptions.Compositions;

/// <summary>
/// The parts of CPython 3's <c>random</c> module that <c>random.seed(int)</c> + <c>random.sample(list, k)</c> use:
/// MT19937 seeded by <c>init_by_array</c> with the integer's 32-bit words, <c>getrandbits</c>, <c>_randbelow</c>
/// (rejection sampling) and <c>sample</c>'s two strategies (pool for small populations, set for large ones).
/// </summary>
/// <remarks>Only what <see cref="DefaultCompositions"/> needs to reproduce the reference's list; not thread-safe.</remarks>
internal sealed class PythonRandom
{
    private const int N = 624;
    private const int M = 397;
    private readonly uint[] _state = new uint[N];
    private int _index = N + 1;

    public PythonRandom(ulong seed)
    {
        // random.seed(n) for an int: init_by_array over the 32-bit words of abs(n), least significant first.
        uint[] key = seed <= uint.MaxValue ? [(uint)seed] : [(uint)seed, (uint)(seed >> 32)];
        InitByArray(key);
    }

    public uint NextUInt32()
    {
        if (_index >= N)
        {
            Twist();
        }

        uint y = _state[_index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680U;
        y ^= (y << 15) & 0xefc60000U;
        y ^= y >> 18;
        return y;
    }

    /// <summary><c>getrandbits(k)</c> for 1 &lt;= k &lt;= 32.</summary>
    public uint GetRandBits(int k) => NextUInt32() >> (32 - k);

    /// <summary><c>_randbelow_with_getrandbits(n)</c>.</summary>
    public int RandBelow(int n)
    {
        int k = 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)n);
        uint r = GetRandBits(k);
        while (r >= (uint)n)
        {
            r = GetRandBits(k);
        }

        return (int)r;
    }

    /// <summary><c>random.sample(population, k)</c> (CPython 3.x): the chosen items in selection order.</summary>
    public List<T> Sample<T>(IReadOnlyList<T> population, int k)
    {
        int n = population.Count;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, n);
        var result = new List<T>(k);
        int setSize = 21;
        if (k > 5)
        {
            setSize += (int)Math.Pow(4, Math.Ceiling(Math.Log(k * 3) / Math.Log(4)));
        }

        if (n <= setSize)
        {
            var pool = population.ToList();
            for (int i = 0; i < k; i++)
            {
                int j = RandBelow(n - i);
                result.Add(pool[j]);
                pool[j] = pool[n - i - 1];
            }
        }
        else
        {
            var selected = new HashSet<int>();
            for (int i = 0; i < k; i++)
            {
                int j = RandBelow(n);
                while (selected.Contains(j))
                {
                    j = RandBelow(n);
                }

                selected.Add(j);
                result.Add(population[j]);
            }
        }

        return result;
    }

    private void InitGenrand(uint s)
    {
        _state[0] = s;
        for (int i = 1; i < N; i++)
        {
            _state[i] = (1812433253U * (_state[i - 1] ^ (_state[i - 1] >> 30))) + (uint)i;
        }

        _index = N;
    }

    private void InitByArray(uint[] key)
    {
        InitGenrand(19650218U);
        int i = 1;
        int j = 0;
        for (int k = Math.Max(N, key.Length); k > 0; k--)
        {
            _state[i] = (_state[i] ^ ((_state[i - 1] ^ (_state[i - 1] >> 30)) * 1664525U)) + key[j] + (uint)j;
            i++;
            j++;
            if (i >= N)
            {
                _state[0] = _state[N - 1];
                i = 1;
            }

            if (j >= key.Length)
            {
                j = 0;
            }
        }

        for (int k = N - 1; k > 0; k--)
        {
            _state[i] = (_state[i] ^ ((_state[i - 1] ^ (_state[i - 1] >> 30)) * 1566083941U)) - (uint)i;
            i++;
            if (i >= N)
            {
                _state[0] = _state[N - 1];
                i = 1;
            }
        }

        _state[0] = 0x80000000U;
    }

    private void Twist()
    {
        for (int k = 0; k < N; k++)
        {
            uint y = (_state[k] & 0x80000000U) | (_state[(k + 1) % N] & 0x7fffffffU);
            _state[k] = _state[(k + M) % N] ^ (y >> 1) ^ ((y & 1U) != 0 ? 0x9908b0dfU : 0U);
        }

        _index = 0;
    }
}
