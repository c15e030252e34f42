using System.Numerics;
using System.Runtime.InteropServices;

namespace DigitForge.Domain.Morphology;

/// <summary>
/// Morpho-MNIST's shared analysis of one image (<c>ImageMorphology</c>): upscale by <see cref="Scale"/> (bicubic spline
/// + Gaussian, as skimage's pyramid_expand), binarise relative to the image's own range, squared Euclidean distance
/// map and medial-axis skeleton. Every measurement and perturbation starts from one of these.
/// </summary>
public sealed class ImageMorphology
{
    public const double DefaultThreshold = 0.5;
    public const int DefaultScale = 4;

    private double? _meanThickness;

    private ImageMorphology(int height, int width, int scale, double threshold, byte[] hires, bool[] binary, int[] squaredDistance, bool[] skeleton, bool isConstant)
    {
        Height = height;
        Width = width;
        Scale = scale;
        Threshold = threshold;
        HiresImage = hires;
        BinaryImage = binary;
        SquaredDistance = squaredDistance;
        Skeleton = skeleton;
        IsConstant = isConstant;
    }

    /// <summary>Height of the low-resolution input.</summary>
    public int Height { get; }

    public int Width { get; }

    public int Scale { get; }

    public double Threshold { get; }

    public int HiresHeight => Height * Scale;

    public int HiresWidth => Width * Scale;

    /// <summary>The upscaled grey image (uint8, truncated like the reference's astype).</summary>
    public byte[] HiresImage { get; }

    public bool[] BinaryImage { get; }

    /// <summary>Squared distance of each foreground pixel to the nearest background pixel (0 on the background).</summary>
    public int[] SquaredDistance { get; }

    public bool[] Skeleton { get; }

    /// <summary>The image has one value only: everything is "foreground" and there is no stroke to measure or change.</summary>
    public bool IsConstant { get; }

    /// <summary>Foreground pixel count of the hi-res binary image / scale^2.</summary>
    public double Area
    {
        get
        {
            int count = MemoryMarshal.Cast<bool, byte>(BinaryImage.AsSpan()).Count((byte)1); // SIMD count
            return count / (double)(Scale * Scale);
        }
    }

    /// <summary>Skeleton length: adjacent skeleton pairs weighted 1 (right, down) or sqrt(2) (diagonals below), / scale.</summary>
    public double StrokeLength
    {
        get
        {
            int h = HiresHeight, w = HiresWidth;
            var s = Skeleton;
            double total = 0;
            for (int r = 0; r < h; r++)
            {
                for (int c = 0; c < w; c++)
                {
                    if (!s[(r * w) + c])
                    {
                        continue;
                    }

                    if (c + 1 < w && s[(r * w) + c + 1])
                    {
                        total += 1;
                    }

                    if (r + 1 < h)
                    {
                        int below = ((r + 1) * w) + c;
                        if (s[below])
                        {
                            total += 1;
                        }

                        if (c > 0 && s[below - 1])
                        {
                            total += Math.Sqrt(2);
                        }

                        if (c + 1 < w && s[below + 1])
                        {
                            total += Math.Sqrt(2);
                        }
                    }
                }
            }

            return total / Scale;
        }
    }

    /// <summary>2 * mean(distance at skeleton pixels) / scale; NaN without a skeleton.</summary>
    public double MeanThickness => _meanThickness ??= ComputeMeanThickness();

    /// <summary>2 * median(distance at skeleton pixels) / scale; NaN without a skeleton.</summary>
    public double MedianThickness
    {
        get
        {
            var values = SkeletonDistances();
            if (values.Count == 0)
            {
                return double.NaN;
            }

            values.Sort();
            int n = values.Count;
            double median = n % 2 == 1 ? values[n / 2] : 0.5 * (values[(n / 2) - 1] + values[n / 2]);
            return 2 * median / Scale;
        }
    }

    public int SkeletonPixelCount => Skeleton.Count(b => b);

    /// <summary>Distance to the background at hi-res pixel (row, col).</summary>
    public double Distance(int row, int col) => Math.Sqrt(SquaredDistance[(row * HiresWidth) + col]);

    /// <summary>Analyses a uint8 image (0 = background). Never throws for a constant image: <see cref="IsConstant"/> says so.</summary>
    public static ImageMorphology Analyse(ReadOnlySpan<byte> image, int height, int width, double threshold = DefaultThreshold, int scale = DefaultScale)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        if (image.Length != height * width)
        {
            throw new ArgumentException($"Expected {height * width} pixels, got {image.Length}.", nameof(image));
        }

        int h = height * scale, w = width * scale;
        byte[] hires = scale == 1 ? image.ToArray() : Pyramid.Expand(image, height, width, scale);
        byte min = hires.Min(), max = hires.Max(); // vectorised by LINQ for byte arrays

        // v >= cut exactly when v >= ceil(cut) for whole v: one byte comparison per pixel, as SIMD lanes.
        double cut = min + ((max - min) * threshold);
        var binary = new bool[h * w];
        double lowest = Math.Ceiling(cut);
        if (lowest <= 255)
        {
            Binarise(hires, (byte)Math.Max(lowest, 0), binary);
        }

        var squared = new int[h * w];
        var skeleton = new bool[h * w];
        bool constant = min == max;
        if (!constant)
        {
            EuclideanDistance.Squared(binary, h, w, squared);
            MedialAxis.Skeletonize(binary, squared, h, w, skeleton);
        }

        return new ImageMorphology(height, width, scale, threshold, hires, binary, squared, skeleton, constant);
    }

    private static void Binarise(ReadOnlySpan<byte> values, byte threshold, Span<bool> result)
    {
        var bytes = MemoryMarshal.Cast<bool, byte>(result);
        int lanes = Vector<byte>.Count;
        int v = values.Length / lanes * lanes;
        var valueVectors = MemoryMarshal.Cast<byte, Vector<byte>>(values[..v]);
        var resultVectors = MemoryMarshal.Cast<byte, Vector<byte>>(bytes[..v]);
        var t = new Vector<byte>(threshold);
        for (int i = 0; i < valueVectors.Length; i++)
        {
            resultVectors[i] = Vector.GreaterThanOrEqual(valueVectors[i], t) & Vector<byte>.One;
        }

        for (int i = v; i < values.Length; i++)
        {
            result[i] = values[i] >= threshold;
        }
    }

    /// <summary>A hi-res binary image back to the input size (pyramid_reduce, then uint8).</summary>
    public byte[] Downscale(ReadOnlySpan<bool> hires) => Pyramid.Reduce(hires, HiresHeight, HiresWidth, Scale);

    /// <summary>A hi-res image in [0, 1] back to the input size (pyramid_reduce, then uint8).</summary>
    public byte[] Downscale(ReadOnlySpan<double> hires) => Pyramid.Reduce(hires, HiresHeight, HiresWidth, Scale);

    private double ComputeMeanThickness()
    {
        var values = SkeletonDistances();
        return values.Count == 0 ? double.NaN : 2 * values.Average() / Scale;
    }

    private List<double> SkeletonDistances()
    {
        var values = new List<double>();
        for (int i = 0; i < Skeleton.Length; i++)
        {
            if (Skeleton[i])
            {
                values.Add(Math.Sqrt(SquaredDistance[i]));
            }
        }

        return values;
    }
}
