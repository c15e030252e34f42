namespace DigitForge.Application.Experiments.Gasten;

/// <summary>Raw pixels (uint8, channels last) of GASTeN's pictures; <see cref="IExperimentCharts.Picture"/> makes PNGs of them.</summary>
public sealed record Raster(int Height, int Width, int Channels, byte[] Pixels);

/// <summary>
/// The sample grid sorted by the classifier (specs/gasten.md §6, <c>eval/samples</c> of step 2), the 20-bin histogram of
/// its outputs, and the FID-vs-ACD scatter with the Pareto front.
/// </summary>
public static class GastenPictures
{
    public const int Bins = 10;
    public const int BinColumns = 3;
    private const int Padding = 2;
    private const int Separator = 4;

    /// <summary>
    /// Images [n, size, size] in [-1, 1] sorted into ten 0.1-wide bins of <paramref name="confidence"/>; each bin is a
    /// 3-column grid padded with blank (−1) tiles to the largest bin's size, the bins left to right (p = 0 at the left),
    /// separated by grey bars.
    /// </summary>
    public static Raster SortedGrid(ReadOnlySpan<float> images, ReadOnlySpan<float> confidence, int size)
    {
        int n = confidence.Length;
        var bins = new List<int>[Bins];
        for (int b = 0; b < Bins; b++)
        {
            bins[b] = [];
        }

        for (int i = 0; i < n; i++)
        {
            bins[Bin(confidence[i], Bins)].Add(i);
        }

        int rows = Math.Max(1, (bins.Max(b => b.Count) + BinColumns - 1) / BinColumns);
        int tile = size + Padding;
        int binWidth = (BinColumns * tile) + Padding;
        int width = (Bins * binWidth) + ((Bins - 1) * Separator);
        int height = (rows * tile) + Padding;
        byte[] pixels = new byte[width * height];
        for (int b = 0; b < Bins; b++)
        {
            int x0 = b * (binWidth + Separator);
            if (b > 0)
            {
                for (int y = 0; y < height; y++)
                {
                    pixels.AsSpan((y * width) + x0 - Separator, Separator).Fill(128);
                }
            }

            for (int k = 0; k < rows * BinColumns; k++)
            {
                int tx = x0 + Padding + (k % BinColumns * tile);
                int ty = Padding + (k / BinColumns * tile);
                bool blank = k >= bins[b].Count;
                var source = blank ? default : images.Slice(bins[b][k] * size * size, size * size);
                for (int y = 0; y < size; y++)
                {
                    for (int x = 0; x < size; x++)
                    {
                        float v = blank ? -1f : source[(y * size) + x];
                        pixels[((ty + y) * width) + tx + x] = ToByte(v);
                    }
                }
            }
        }

        return new Raster(height, width, 1, pixels);
    }

    /// <summary>Bin of a probability among <paramref name="bins"/> equal bins of [0, 1] (1.0 falls in the last).</summary>
    public static int Bin(float p, int bins) => Math.Clamp((int)MathF.Floor(p * bins), 0, bins - 1);

    /// <summary>Counts of <paramref name="values"/> in <paramref name="bins"/> equal bins of [0, 1].</summary>
    public static int[] Histogram(ReadOnlySpan<float> values, int bins = 20)
    {
        int[] counts = new int[bins];
        foreach (float v in values)
        {
            counts[Bin(v, bins)]++;
        }

        return counts;
    }

    /// <summary>Bars of a histogram over [0, 1] (white background, dark bars, a mark at 0.5).</summary>
    public static Raster HistogramPicture(IReadOnlyList<int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        const int barWidth = 12;
        const int plotHeight = 120;
        int width = (counts.Count * barWidth) + 2;
        int height = plotHeight + 4;
        byte[] pixels = new byte[width * height];
        Array.Fill(pixels, (byte)255);
        int max = Math.Max(1, counts.Max());
        for (int b = 0; b < counts.Count; b++)
        {
            int bar = (int)Math.Round((double)counts[b] / max * plotHeight);
            for (int y = height - 2 - bar; y < height - 2; y++)
            {
                pixels.AsSpan((y * width) + 1 + (b * barWidth) + 1, barWidth - 2).Fill(60);
            }
        }

        for (int y = 0; y < height; y++)
        {
            pixels[(y * width) + 1 + (counts.Count / 2 * barWidth)] = 200; // p = 0.5
        }

        pixels.AsSpan((height - 2) * width, width).Clear();
        return new Raster(height, width, 1, pixels);
    }

    /// <summary>
    /// Points (x = ACD, y = FID) on a white plot with axes from 0: grey dots, Pareto-efficient ones (<paramref name="efficient"/>)
    /// larger and red. Scaled to the largest values.
    /// </summary>
    public static Raster Scatter(IReadOnlyList<(double X, double Y)> points, IReadOnlyList<bool> efficient)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(efficient);
        const int width = 480;
        const int height = 360;
        const int margin = 24;
        byte[] pixels = new byte[width * height * 3];
        Array.Fill(pixels, (byte)255);
        double maxX = Math.Max(1e-9, points.Select(p => p.X).DefaultIfEmpty(1).Max()) * 1.05;
        double maxY = Math.Max(1e-9, points.Select(p => p.Y).DefaultIfEmpty(1).Max()) * 1.05;
        for (int x = margin; x < width - 8; x++)
        {
            Set(x, height - margin, 0, 0, 0);
        }

        for (int y = 8; y <= height - margin; y++)
        {
            Set(margin, y, 0, 0, 0);
        }

        // Ticks at tenths of each axis.
        for (int t = 1; t <= 10; t++)
        {
            int tx = margin + (int)((width - margin - 8) * t / 10.0);
            int ty = height - margin - (int)((height - margin - 8) * t / 10.0);
            for (int k = 1; k <= 4; k++)
            {
                Set(tx, height - margin + k, 0, 0, 0);
                Set(margin - k, ty, 0, 0, 0);
            }
        }

        for (int pass = 0; pass < 2; pass++)
        {
            for (int i = 0; i < points.Count; i++)
            {
                if (efficient[i] != (pass == 1))
                {
                    continue; // efficient points drawn last, on top
                }

                int px = margin + (int)(points[i].X / maxX * (width - margin - 8));
                int py = height - margin - (int)(points[i].Y / maxY * (height - margin - 8));
                int r = efficient[i] ? 3 : 2;
                for (int dy = -r; dy <= r; dy++)
                {
                    for (int dx = -r; dx <= r; dx++)
                    {
                        if (efficient[i])
                        {
                            Set(px + dx, py + dy, 220, 30, 30);
                        }
                        else
                        {
                            Set(px + dx, py + dy, 110, 110, 110);
                        }
                    }
                }
            }
        }

        return new Raster(height, width, 3, pixels);

        void Set(int x, int y, byte r, byte g, byte b)
        {
            if (x < 0 || y < 0 || x >= width || y >= height)
            {
                return;
            }

            int o = ((y * width) + x) * 3;
            pixels[o] = r;
            pixels[o + 1] = g;
            pixels[o + 2] = b;
        }
    }

    /// <summary>Points no other point beats in both coordinates (both minimised; ties are not dominated).</summary>
    public static bool[] ParetoEfficient(IReadOnlyList<(double X, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        bool[] efficient = new bool[points.Count];
        for (int i = 0; i < points.Count; i++)
        {
            efficient[i] = !points.Any(q => q.X <= points[i].X && q.Y <= points[i].Y && (q.X < points[i].X || q.Y < points[i].Y));
        }

        return efficient;
    }

    /// <summary>[-1, 1] to 0..255 (the reference's make_grid(normalize) over the tanh range).</summary>
    public static byte ToByte(float v) => (byte)Math.Clamp(MathF.Round((v + 1f) * 127.5f), 0f, 255f);

    /// <summary>A float32 array as a .npy file (little-endian, C order).</summary>
    public static byte[] Npy(ReadOnlySpan<float> data, params int[] shape)
    {
        string dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        string header = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({dims}), }}";
        int total = 10 + header.Length + 1;
        int pad = (64 - (total % 64)) % 64;
        header = header + new string(' ', pad) + "\n";
        using var stream = new MemoryStream();
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        stream.Write(BitConverter.GetBytes((ushort)header.Length));
        stream.Write(System.Text.Encoding.ASCII.GetBytes(header));
        stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data));
        return stream.ToArray();
    }
}
