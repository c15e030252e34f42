using System.Globalization;
using DigitForge.Application.Experiments.Compositional;

namespace DigitForge.Application.Experiments.MixedEffects;

/// <summary>One configuration of the spiral grid: the spirals generator's four swept parameters.</summary>
public sealed record SpiralConfig(double RadiusSd, double Noise, int Degrees, int Clusters)
{
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"radius_sd {RadiusSd}, noise {Noise}, degrees {Degrees}, clusters {Clusters}");

    /// <summary>The configuration's spirals spec (2 classes, the reference's defaults otherwise; <paramref name="pointsPerCluster"/> 0 keeps the generator's).</summary>
    public string DatasetSpec(ulong seed, int pointsPerCluster = 0) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"generator":"spirals","parameters":{"clusters":{{Clusters}},"radius_sd":{{RadiusSd:R}},"noise":{{Noise:R}},"degrees":{{Degrees}}{{(pointsPerCluster > 0 ? $",\"points_per_cluster\":{pointsPerCluster}" : string.Empty)}}},"seed":{{seed}}}""");
}

/// <summary>
/// <c>spiral_classification_paramgrid.py</c>'s grid (specs/morpho-mixed-effects.md §2.2): radius s.d. × noise ×
/// degrees × clusters, and the heatmap of a model's mean seen-test accuracy over it (facets: rows radius s.d. then
/// noise, columns degrees then clusters, in the values' order).
/// </summary>
public sealed record SpiralGrid(IReadOnlyList<double> RadiusSd, IReadOnlyList<double> Noise, IReadOnlyList<int> Degrees, IReadOnlyList<int> Clusters)
{
    /// <summary>The reference's 81 configurations.</summary>
    public static SpiralGrid Paper { get; } = new([0.1, 0.3, 0.5], [0.05, 0.1, 0.3], [360, 540, 720], [10, 20, 30]);

    /// <summary>The reference's grid at 10 clusters only: 27 configurations, a third of it (and the cheapest third).</summary>
    public static SpiralGrid PaperTenClusters { get; } = new([0.1, 0.3, 0.5], [0.05, 0.1, 0.3], [360, 540, 720], [10]);

    /// <summary>A CPU-sized corner of it: the extremes of radius s.d., noise and degrees at 10 clusters (8 configurations).</summary>
    public static SpiralGrid Cpu { get; } = new([0.1, 0.5], [0.05, 0.3], [360, 720], [10]);

    /// <summary>Every configuration, radius s.d. slowest, clusters fastest (the heatmap's reading order).</summary>
    public IReadOnlyList<SpiralConfig> Configs =>
        [.. from r in RadiusSd from n in Noise from d in Degrees from c in Clusters select new SpiralConfig(r, n, d, c)];

    public int Rows => RadiusSd.Count * Noise.Count;

    public int Columns => Degrees.Count * Clusters.Count;

    /// <summary>The heatmap cell (row, column) of configuration <paramref name="index"/> of <see cref="Configs"/>.</summary>
    public (int Row, int Column) Cell(int index)
    {
        int perRow = Columns;
        return (index / perRow, index % perRow);
    }

    /// <summary>White band between the models' panels of <see cref="Heatmap"/>, in pixels: room for a panel's heading at scale 2.</summary>
    public const int PanelGap = 10;

    /// <summary>The y (centre) of every row of every panel of <see cref="Heatmap"/> with its radius s.d. and noise.</summary>
    public IReadOnlyList<(int Y, string Label)> RowLabels(int panels, int cell = 20)
    {
        int panelHeight = (Rows * cell) + (RadiusSd.Count - 1);
        var labels = new List<(int, string)>();
        for (int m = 0; m < panels; m++)
        {
            for (int row = 0; row < Rows; row++)
            {
                int y = (m * (panelHeight + PanelGap)) + (row * cell) + (row / Noise.Count) + (cell / 2);
                labels.Add((y, string.Create(CultureInfo.InvariantCulture, $"s.d. {RadiusSd[row / Noise.Count]}, noise {Noise[row % Noise.Count]}")));
            }
        }

        return labels;
    }

    /// <summary>
    /// The x (centre) of every column of <see cref="Heatmap"/> with its degrees; when the grid has several cluster
    /// counts, each column names its clusters and the degrees go on a second line under each facet group's middle column.
    /// </summary>
    public IReadOnlyList<(int X, string Label)> ColumnLabels(int cell = 20) =>
        [.. Enumerable.Range(0, Columns).Select(column =>
        {
            int x = (column * cell) + (column / Clusters.Count) + (cell / 2);
            string degrees = string.Create(CultureInfo.InvariantCulture, $"{Degrees[column / Clusters.Count]}°");
            if (Clusters.Count == 1)
            {
                return (x, degrees);
            }

            string clusters = Clusters[column % Clusters.Count].ToString(CultureInfo.InvariantCulture);
            return (x, column % Clusters.Count == Clusters.Count / 2 ? clusters + "\n" + degrees : clusters);
        })];

    /// <summary>The top y of each model's panel of <see cref="Heatmap"/>.</summary>
    public IReadOnlyList<int> PanelTops(int panels, int cell = 20) =>
        [.. Enumerable.Range(0, panels).Select(m => m * ((Rows * cell) + (RadiusSd.Count - 1) + PanelGap))];

    /// <summary>
    /// One panel per model, stacked top to bottom, each <see cref="Rows"/> × <see cref="Columns"/> cells of
    /// <paramref name="cell"/> px shaded by accuracy from 0.5 (dark purple) to 1.0 (yellow), grey where a configuration
    /// has no result; white lines between facet groups and a white band between panels.
    /// </summary>
    public (int Height, int Width, byte[] Pixels) Heatmap(IReadOnlyList<double[]> accuracyByModel, int cell = 20)
    {
        ArgumentNullException.ThrowIfNull(accuracyByModel);
        int gapX = Degrees.Count - 1, gapY = RadiusSd.Count - 1, band = PanelGap;
        int panelHeight = (Rows * cell) + gapY;
        int width = (Columns * cell) + gapX;
        int height = (accuracyByModel.Count * panelHeight) + ((accuracyByModel.Count - 1) * band);
        var pixels = new byte[height * width * 3];
        Array.Fill(pixels, (byte)255);
        for (int m = 0; m < accuracyByModel.Count; m++)
        {
            int top = m * (panelHeight + band);
            for (int i = 0; i < accuracyByModel[m].Length; i++)
            {
                var (row, column) = Cell(i);
                int y = top + (row * cell) + (row / Noise.Count);
                int x = (column * cell) + (column / Clusters.Count);
                // 0.5 is chance for two classes: stretch [0.5, 1] over the whole ramp.
                double value = accuracyByModel[m][i];
                var colour = CompositionalResults.Colour(double.IsNaN(value) ? double.NaN : (value - 0.5) * 2);
                for (int r = y; r < y + cell; r++)
                {
                    for (int c = x; c < x + cell; c++)
                    {
                        int o = ((r * width) + c) * 3;
                        (pixels[o], pixels[o + 1], pixels[o + 2]) = colour;
                    }
                }
            }
        }

        return (height, width, pixels);
    }
}
