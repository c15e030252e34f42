using DigitForge.Application.Experiments.Gasten;

namespace DigitForge.Application.Experiments.Ambiguity;

/// <summary>
/// The ambiguity experiment's pictures as RGB rasters: image grids with the prototype framed, attribution heat maps
/// beside their images, and the 2-D map of the test set, the clusters and the prototypes.
/// </summary>
public static class AmbiguityPictures
{
    private const int Pad = 2;

    /// <summary>16 distinguishable cluster colours (Tableau 10 then 6 more), cycled beyond.</summary>
    public static readonly (byte R, byte G, byte B)[] Palette =
    [
        (31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189), (140, 86, 75), (227, 119, 194), (188, 189, 34),
        (23, 190, 207), (127, 127, 127), (0, 0, 128), (128, 128, 0), (0, 128, 128), (128, 0, 0), (255, 215, 0), (0, 255, 127),
    ];

    /// <summary>Images (pixels in [−1, 1], <paramref name="size"/>²) tiled <paramref name="columns"/> per row; the row at <paramref name="framed"/> gets a red frame.</summary>
    public static Raster Grid(ReadOnlySpan<float> images, IReadOnlyList<int> rows, int size, int columns, int framed = -1)
    {
        ArgumentNullException.ThrowIfNull(rows);
        int count = Math.Max(1, rows.Count);
        columns = Math.Max(1, Math.Min(columns, count));
        int gridRows = (count + columns - 1) / columns;
        int cell = size + (2 * Pad);
        var raster = new RgbCanvas(gridRows * cell, columns * cell);
        for (int t = 0; t < rows.Count; t++)
        {
            int top = (t / columns) * cell;
            int left = (t % columns) * cell;
            if (rows[t] == framed)
            {
                raster.Fill(top, left, cell, cell, (230, 30, 30));
            }

            var image = images.Slice(rows[t] * size * size, size * size);
            for (int y = 0; y < size; y++)
            {
                for (int x = 0; x < size; x++)
                {
                    byte v = GastenPictures.ToByte(image[(y * size) + x]);
                    raster.Set(top + Pad + y, left + Pad + x, (v, v, v));
                }
            }
        }

        return raster.ToRaster();
    }

    /// <summary>
    /// One row per image: the image, |∂C/∂x| (black → red → yellow, scaled to its own maximum) and, when given,
    /// integrated gradients (blue negative, red positive, scaled to its largest magnitude); each tile magnified 3×.
    /// </summary>
    public static Raster Attributions(ReadOnlySpan<float> images, ReadOnlySpan<float> saliency, ReadOnlySpan<float> integrated, int count, int size)
    {
        const int zoom = 3;
        int tiles = integrated.IsEmpty ? 2 : 3;
        int cell = (size * zoom) + (2 * Pad);
        var canvas = new RgbCanvas(Math.Max(1, count) * cell, tiles * cell);
        for (int i = 0; i < count; i++)
        {
            var image = images.Slice(i * size * size, size * size);
            var s = saliency.Slice(i * size * size, size * size);
            float sMax = 1e-12f;
            foreach (float v in s)
            {
                sMax = Math.Max(sMax, Math.Abs(v));
            }

            float gMax = 1e-12f;
            ReadOnlySpan<float> g = integrated.IsEmpty ? default : integrated.Slice(i * size * size, size * size);
            foreach (float v in g)
            {
                gMax = Math.Max(gMax, Math.Abs(v));
            }

            for (int y = 0; y < size * zoom; y++)
            {
                for (int x = 0; x < size * zoom; x++)
                {
                    int p = ((y / zoom) * size) + (x / zoom);
                    byte v = GastenPictures.ToByte(image[p]);
                    int top = (i * cell) + Pad + y;
                    canvas.Set(top, Pad + x, (v, v, v));
                    canvas.Set(top, cell + Pad + x, Heat(Math.Abs(s[p]) / sMax));
                    if (!g.IsEmpty)
                    {
                        canvas.Set(top, (2 * cell) + Pad + x, Diverging(g[p] / gMax));
                    }
                }
            }
        }

        return canvas.ToRaster();
    }

    /// <summary>
    /// The 2-D map: <paramref name="background"/> points (the real test set, grey: light for pos, dark for neg), the
    /// clustered ambiguous images in their cluster's colour, prototypes as black-ringed discs in their cluster's colour.
    /// </summary>
    public static Raster Map(
        IReadOnlyList<(float X, float Y)> background, IReadOnlyList<bool> backgroundPositive,
        IReadOnlyList<(float X, float Y)> clustered, IReadOnlyList<int> labels, IReadOnlyList<(float X, float Y)> prototypes, IReadOnlyList<int> prototypeLabels, int side = 640)
    {
        ArgumentNullException.ThrowIfNull(background);
        ArgumentNullException.ThrowIfNull(backgroundPositive);
        ArgumentNullException.ThrowIfNull(clustered);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(prototypes);
        ArgumentNullException.ThrowIfNull(prototypeLabels);
        var all = background.Concat(clustered).Concat(prototypes).ToList();
        float minX = all.Count == 0 ? 0 : all.Min(p => p.X), maxX = all.Count == 0 ? 1 : all.Max(p => p.X);
        float minY = all.Count == 0 ? 0 : all.Min(p => p.Y), maxY = all.Count == 0 ? 1 : all.Max(p => p.Y);
        const int margin = 12;
        var canvas = new RgbCanvas(side, side);
        canvas.Fill(0, 0, side, side, (255, 255, 255));
        (int Row, int Col) At((float X, float Y) p) => (
            margin + (int)((side - (2 * margin) - 1) * (maxY - p.Y) / Math.Max(1e-6f, maxY - minY)),
            margin + (int)((side - (2 * margin) - 1) * (p.X - minX) / Math.Max(1e-6f, maxX - minX)));
        for (int i = 0; i < background.Count; i++)
        {
            var (r, c) = At(background[i]);
            canvas.Disc(r, c, 1, backgroundPositive[i] ? ((byte)200, (byte)200, (byte)200) : ((byte)140, (byte)140, (byte)140));
        }

        for (int i = 0; i < clustered.Count; i++)
        {
            var (r, c) = At(clustered[i]);
            // HDBSCAN's noise (label −1): a small pale disc, under nobody's colour.
            canvas.Disc(r, c, labels[i] < 0 ? 1 : 2, labels[i] < 0 ? ((byte)170, (byte)190, (byte)230) : Palette[labels[i] % Palette.Length]);
        }

        for (int i = 0; i < prototypes.Count; i++)
        {
            var (r, c) = At(prototypes[i]);
            canvas.Disc(r, c, 8, (0, 0, 0));
            canvas.Disc(r, c, 6, Palette[prototypeLabels[i] % Palette.Length]);
        }

        return canvas.ToRaster();
    }

    /// <summary>One map as <see cref="Attributions"/> draws its saliency column: |v| black → red → yellow, scaled to its maximum.</summary>
    public static Raster Heatmap(ReadOnlySpan<float> map, int size, int zoom) => Single(map, size, zoom, signed: false);

    /// <summary>One signed map as <see cref="Attributions"/> draws integrated gradients: blue negative, red positive.</summary>
    public static Raster SignedMap(ReadOnlySpan<float> map, int size, int zoom) => Single(map, size, zoom, signed: true);

    private static Raster Single(ReadOnlySpan<float> map, int size, int zoom, bool signed)
    {
        float max = 1e-12f;
        foreach (float v in map)
        {
            max = Math.Max(max, Math.Abs(v));
        }

        var canvas = new RgbCanvas(size * zoom, size * zoom);
        for (int y = 0; y < size * zoom; y++)
        {
            for (int x = 0; x < size * zoom; x++)
            {
                float v = map[((y / zoom) * size) + (x / zoom)];
                canvas.Set(y, x, signed ? Diverging(v / max) : Heat(Math.Abs(v) / max));
            }
        }

        return canvas.ToRaster();
    }

    private static (byte, byte, byte) Heat(float t)
    {
        t = Math.Clamp(t, 0, 1);
        // black → red (t = 0.5) → yellow (t = 1)
        return t < 0.5f ? ((byte)(510 * t), (byte)0, (byte)0) : ((byte)255, (byte)(510 * (t - 0.5f)), (byte)0);
    }

    private static (byte, byte, byte) Diverging(float t)
    {
        t = Math.Clamp(t, -1, 1);
        byte fade = (byte)(255 * (1 - Math.Abs(t)));
        return t >= 0 ? ((byte)255, fade, fade) : (fade, fade, (byte)255);
    }

    private sealed class RgbCanvas(int height, int width)
    {
        private readonly byte[] _pixels = new byte[height * width * 3];

        public void Set(int row, int col, (byte R, byte G, byte B) c)
        {
            if (row < 0 || col < 0 || row >= height || col >= width)
            {
                return;
            }

            int at = ((row * width) + col) * 3;
            _pixels[at] = c.R;
            _pixels[at + 1] = c.G;
            _pixels[at + 2] = c.B;
        }

        public void Fill(int top, int left, int rows, int cols, (byte, byte, byte) c)
        {
            for (int r = top; r < top + rows; r++)
            {
                for (int k = left; k < left + cols; k++)
                {
                    Set(r, k, c);
                }
            }
        }

        public void Disc(int row, int col, int radius, (byte, byte, byte) c)
        {
            for (int dr = -radius; dr <= radius; dr++)
            {
                for (int dc = -radius; dc <= radius; dc++)
                {
                    if ((dr * dr) + (dc * dc) <= radius * radius)
                    {
                        Set(row + dr, col + dc, c);
                    }
                }
            }
        }

        public Raster ToRaster() => new(height, width, 3, _pixels);
    }
}
