using DigitForge.Application.Experiments.MixedEffects;

namespace DigitForge.UnitTests.MixedEffects;

/// <summary>The grid heatmap's labels name the cells they sit beside: every row of every panel, every column.</summary>
public sealed class SpiralGridHeatmapTests
{
    [Fact]
    public void Row_labels_sit_at_the_centre_of_each_rows_cells_in_every_panel()
    {
        var grid = SpiralGrid.Paper;
        double[] accuracy = [.. grid.Configs.Select((_, i) => i == 0 ? 1.0 : 0.5)];
        var (height, width, pixels) = grid.Heatmap([accuracy, accuracy]);
        var labels = grid.RowLabels(2);
        Assert.Equal(2 * grid.Rows, labels.Count);
        Assert.Equal("s.d. 0.1, noise 0.05", labels[0].Label);
        Assert.Equal("s.d. 0.5, noise 0.3", labels[grid.Rows - 1].Label);
        Assert.Equal(labels[0].Label, labels[grid.Rows].Label);

        // Config 0 (accuracy 1.0, yellow) is the first cell of both panels: the labels' y and the panel tops find it.
        var tops = grid.PanelTops(2);
        Assert.Equal(height, tops[1] + tops[1] - SpiralGrid.PanelGap);
        foreach (int y in new[] { labels[0].Y, labels[grid.Rows].Y })
        {
            int o = ((y * width) + 10) * 3;
            Assert.True(pixels[o] > 200 && pixels[o + 1] > 200 && pixels[o + 2] < 100, $"row at y {y} is not config 0's yellow");
        }
    }

    [Fact]
    public void Column_labels_name_clusters_and_put_degrees_under_each_groups_middle_column()
    {
        var labels = SpiralGrid.Paper.ColumnLabels();
        Assert.Equal(9, labels.Count);
        Assert.Equal(["10", "20\n360°", "30", "10", "20\n540°", "30", "10", "20\n720°", "30"], labels.Select(l => l.Label));
        Assert.Equal(["360°", "540°", "720°"], SpiralGrid.PaperTenClusters.ColumnLabels().Select(l => l.Label));
        Assert.True(labels.Zip(labels.Skip(1)).All(p => p.First.X < p.Second.X));
    }
}
