using System.Numerics;
using System.Runtime.InteropServices;

namespace DigitForge.Domain.Clustering;

/// <summary>Vectorised distance kernels shared by the clustering numerics.</summary>
public static class Distances
{
    /// <summary>Σ (a − b)² in float arithmetic with SIMD lanes (accumulated in float; exact enough for ranking and scores).</summary>
    public static float SquaredEuclidean(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int n = a.Length;
        int i = 0;
        float sum = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var acc = Vector<float>.Zero;
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
            for (int v = 0; v < va.Length; v++)
            {
                var d = va[v] - vb[v];
                acc += d * d;
            }

            sum = Vector.Sum(acc);
            i = va.Length * Vector<float>.Count;
        }

        for (; i < n; i++)
        {
            float d = a[i] - b[i];
            sum += d * d;
        }

        return sum;
    }

    /// <summary>Σ a·b with SIMD lanes.</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int n = a.Length;
        int i = 0;
        float sum = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var acc = Vector<float>.Zero;
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
            for (int v = 0; v < va.Length; v++)
            {
                acc += va[v] * vb[v];
            }

            sum = Vector.Sum(acc);
            i = va.Length * Vector<float>.Count;
        }

        for (; i < n; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>
    /// The dot products of four rows with one vector (<paramref name="rows"/> holds them back to back), sharing each
    /// load of <paramref name="b"/>: the kNN kernel's register blocking.
    /// </summary>
    public static void Dot4(ReadOnlySpan<float> rows, ReadOnlySpan<float> b, Span<float> result)
    {
        int n = b.Length;
        var r0 = rows[..n];
        var r1 = rows.Slice(n, n);
        var r2 = rows.Slice(2 * n, n);
        var r3 = rows.Slice(3 * n, n);
        int i = 0;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
            var v0 = MemoryMarshal.Cast<float, Vector<float>>(r0);
            var v1 = MemoryMarshal.Cast<float, Vector<float>>(r1);
            var v2 = MemoryMarshal.Cast<float, Vector<float>>(r2);
            var v3 = MemoryMarshal.Cast<float, Vector<float>>(r3);
            Vector<float> a0 = Vector<float>.Zero, a1 = Vector<float>.Zero, a2 = Vector<float>.Zero, a3 = Vector<float>.Zero;
            for (int v = 0; v < vb.Length; v++)
            {
                var o = vb[v];
                a0 = Vector.FusedMultiplyAdd(v0[v], o, a0);
                a1 = Vector.FusedMultiplyAdd(v1[v], o, a1);
                a2 = Vector.FusedMultiplyAdd(v2[v], o, a2);
                a3 = Vector.FusedMultiplyAdd(v3[v], o, a3);
            }

            s0 = Vector.Sum(a0);
            s1 = Vector.Sum(a1);
            s2 = Vector.Sum(a2);
            s3 = Vector.Sum(a3);
            i = vb.Length * Vector<float>.Count;
        }

        for (; i < n; i++)
        {
            s0 += r0[i] * b[i];
            s1 += r1[i] * b[i];
            s2 += r2[i] * b[i];
            s3 += r3[i] * b[i];
        }

        result[0] = s0;
        result[1] = s1;
        result[2] = s2;
        result[3] = s3;
    }
}
