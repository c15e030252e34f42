using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace DigitForge.Domain.Morphology;

/// <summary>
/// scikit-image 0.19's <c>pyramid_expand</c> / <c>pyramid_reduce</c> with order 3 and the default mode 'reflect', as
/// Morpho-MNIST calls them: bicubic spline resize (clipped to the input's range) and a Gaussian of sigma = 2*scale/6,
/// on [0, 1] floats; results are scaled by 255 and truncated to uint8 like the reference's <c>astype</c>.
/// </summary>
public static class Pyramid
{
    public static double Sigma(int scale) => 2.0 * scale / 6.0;

    public static byte[] Expand(ReadOnlySpan<byte> image, int height, int width, int scale)
    {
        int h = height * scale, w = width * scale;
        double[] rentedSource = ArrayPool<double>.Shared.Rent(height * width);
        double[] rentedResized = ArrayPool<double>.Shared.Rent(h * w);
        var source = rentedSource.AsSpan(0, height * width);
        for (int i = 0; i < source.Length; i++)
        {
            source[i] = image[i] / 255.0;
        }

        var resized = rentedResized.AsSpan(0, h * w);
        SplineResampler.Resize2D(source, height, width, resized, h, w);
        ReflectGaussian.Filter(resized, h, w, Sigma(scale));
        var bytes = ToBytes(resized);
        ArrayPool<double>.Shared.Return(rentedSource);
        ArrayPool<double>.Shared.Return(rentedResized);
        return bytes;
    }

    public static byte[] Reduce(ReadOnlySpan<bool> hires, int height, int width, int scale)
    {
        double[] rented = ArrayPool<double>.Shared.Rent(hires.Length);
        var values = rented.AsSpan(0, hires.Length);
        var bits = MemoryMarshal.Cast<bool, byte>(hires);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = bits[i];
        }

        var bytes = ReduceInPlace(values, height, width, scale);
        ArrayPool<double>.Shared.Return(rented);
        return bytes;
    }

    public static byte[] Reduce(ReadOnlySpan<double> hires, int height, int width, int scale)
    {
        double[] rented = ArrayPool<double>.Shared.Rent(hires.Length);
        var values = rented.AsSpan(0, hires.Length);
        hires.CopyTo(values);
        var bytes = ReduceInPlace(values, height, width, scale);
        ArrayPool<double>.Shared.Return(rented);
        return bytes;
    }

    private static byte[] ReduceInPlace(Span<double> values, int height, int width, int scale)
    {
        ReflectGaussian.Filter(values, height, width, Sigma(scale));
        int h = (height + scale - 1) / scale, w = (width + scale - 1) / scale;
        Span<double> reduced = h * w <= 4096 ? stackalloc double[h * w] : new double[h * w];
        SplineResampler.Resize2D(values, height, width, reduced, h, w);
        return ToBytes(reduced);
    }

    /// <summary>255 * value truncated to uint8 (0 at or below 0, 255 at or above 255), as the reference's astype.</summary>
    private static byte[] ToBytes(ReadOnlySpan<double> values)
    {
        var bytes = new byte[values.Length];
        int lanes = Vector<double>.Count;
        int block = Vector<byte>.Count; // 8 double vectors narrow to one byte vector
        var scale = new Vector<double>(255.0);
        var zero = Vector<double>.Zero;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Span<Vector<ulong>> whole = stackalloc Vector<ulong>[8];
            for (; i + block <= values.Length; i += block)
            {
                for (int k = 0; k < 8; k++)
                {
                    // Clamping first gives what the branches below give; in between, the conversion truncates.
                    var v = Vector.Min(Vector.Max(scale * new Vector<double>(values.Slice(i + (k * lanes), lanes)), zero), scale);
                    whole[k] = Vector.ConvertToUInt64(v);
                }

                var low = Vector.Narrow(Vector.Narrow(whole[0], whole[1]), Vector.Narrow(whole[2], whole[3]));
                var high = Vector.Narrow(Vector.Narrow(whole[4], whole[5]), Vector.Narrow(whole[6], whole[7]));
                Vector.Narrow(low, high).CopyTo(bytes.AsSpan(i, block));
            }
        }

        for (; i < values.Length; i++)
        {
            double v = 255.0 * values[i];
            bytes[i] = v <= 0 ? (byte)0 : v >= 255 ? (byte)255 : (byte)v;
        }

        return bytes;
    }
}
