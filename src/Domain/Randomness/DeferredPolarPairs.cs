namespace DigitForge.Domain.Randomness;

/// <summary>
/// Accepted pairs of <see cref="NumPyLegacyRandom.StandardNormalDeferred"/>: the stream-dependent part of the polar
/// method (the uniforms and the rejection test) happens in stream order, and the costly factor
/// <c>f = sqrt(-2 log(r2) / r2)</c> per pair later, on any thread (<see cref="ComputeFactors"/>). A normal is then
/// <c>Factors[pair] * x</c>: the same operations as NumPy's <c>legacy_gauss</c>, so the same bits.
/// </summary>
public sealed class DeferredPolarPairs
{
    private double[] _r2;
    private double[] _factors;

    public DeferredPolarPairs(int capacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _r2 = new double[capacity];
        _factors = new double[capacity];
    }

    public int Count { get; private set; }

    /// <summary>The factor of each pair, valid after <see cref="ComputeFactors"/> covered it.</summary>
    public ReadOnlySpan<double> Factors => _factors.AsSpan(0, Count);

    /// <summary>Forgets all pairs (the buffers are kept).</summary>
    public void Clear() => Count = 0;

    /// <summary>Computes the factors of pairs [start, end).</summary>
    public void ComputeFactors(int start, int end)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, Count);
        for (int i = start; i < end; i++)
        {
            double r2 = _r2[i];

            // r2 = 0 marks a value resolved before it was recorded (its factor is the value itself, x = 1).
            if (r2 != 0.0)
            {
                _factors[i] = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
            }
        }
    }

    internal int Add(double r2)
    {
        EnsureCapacity();
        _r2[Count] = r2;
        return Count++;
    }

    internal int AddResolved(double value)
    {
        EnsureCapacity();
        _r2[Count] = 0.0;
        _factors[Count] = value;
        return Count++;
    }

    internal double R2(int pair) => _r2[pair];

    private void EnsureCapacity()
    {
        if (Count == _r2.Length)
        {
            Array.Resize(ref _r2, _r2.Length * 2);
            Array.Resize(ref _factors, _factors.Length * 2);
        }
    }
}
