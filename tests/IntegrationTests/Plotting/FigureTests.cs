using DigitForge.Application.Experiments.MixedEffects;
using DigitForge.Application.Spirals.PlotSpirals;
using DigitForge.Infrastructure.Plotting;
using DigitForge.Infrastructure.Plotting.MixedEffects;
using SkiaSharp;

namespace DigitForge.IntegrationTests.Plotting;

/// <summary>
/// The server-side figures drawn with SkiaSharp and ScottPlot: sizes, colours at known positions, text actually drawn
/// (dark anti-aliased pixels where labels go, wider for longer labels), and the same input giving the same bytes.
/// </summary>
public class FigureTests
{
    private static readonly string[] Fashion = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    [Fact]
    public void The_embedded_font_loads_and_has_glyphs_for_titles()
    {
        var typeface = FigureFont.Typeface;

        Assert.Equal("DejaVu Sans", typeface.FamilyName);
        using var font = FigureFont.Create(14);
        ushort[] glyphs = font.GetGlyphs("cluster r=0.5 T-shirt/top ±");
        Assert.DoesNotContain((ushort)0, glyphs); // 0 is the missing-glyph box
    }

    [Fact]
    public void Spiral_panels_have_class_colours_titles_and_a_legend()
    {
        // Cluster 0: one point of class 0 at the origin; cluster 1: one point of class 1 at (1, 1).
        var scatter = new SpiralScatter("train", 2, [0.5, 1.25], [0, 1], [0, 1], [0, 1], [0, 1]);
        using var figure = SpiralPlotRenderer.Rasterise(scatter);

        var (width, height) = SpiralPlotRenderer.Size(2);
        Assert.Equal((width, height), (figure.Width, figure.Height));
        int left = (SpiralPlotRenderer.CellWidth - SpiralPlotRenderer.AxesSize) / 2;
        int top = SpiralPlotRenderer.LegendHeight + SpiralPlotRenderer.TitleHeight;
        Assert.Equal(SpiralPlotRenderer.ClassColor(0).ToSk(), figure.GetPixel(left + (SpiralPlotRenderer.AxesSize / 2), top + (SpiralPlotRenderer.AxesSize / 2)));
        Assert.Equal(SKColors.Black, figure.GetPixel(left, top + 50)); // the frame
        Assert.True(DarkPixels(figure, new SKRectI(0, SpiralPlotRenderer.LegendHeight, SpiralPlotRenderer.CellWidth, top)) > 40, "panel title");
        Assert.True(DarkPixels(figure, new SKRectI(0, 0, width, SpiralPlotRenderer.LegendHeight)) > 40, "legend text");
        Assert.Equal(SpiralPlotRenderer.Render(scatter), SpiralPlotRenderer.Render(scatter));
    }

    [Fact]
    public void Confusion_matrix_names_its_classes_and_axes_and_shades_by_row_share()
    {
        var counts = new long[10, 10];
        for (int c = 0; c < 10; c++)
        {
            counts[c, c] = 90;
            counts[c, (c + 1) % 10] = 10;
        }

        using var named = ConfusionMatrixFigure.Rasterise(counts, Fashion);
        using var numbered = ConfusionMatrixFigure.Rasterise(counts, null);
        var g = ConfusionMatrixFigure.Measure(10, Fashion, 90);

        Assert.Equal((g.Width, g.Height), (named.Width, named.Height));
        Assert.True(named.Width > numbered.Width + 40, "row names as long as 'Ankle boot' widen the figure");
        Assert.True(g.UprightColumns);

        // A diagonal cell (90 % of its row) is dark blue away from its printed count; an empty cell is white.
        var diagonal = named.GetPixel(g.Left + 2, g.Top + 2);
        Assert.True(diagonal.Red < 80 && diagonal.Blue > diagonal.Red, $"diagonal {diagonal}");
        Assert.Equal(SKColors.White, named.GetPixel(g.Left + (5 * g.Cell) + 2, g.Top + 2));

        // Text: the count in the diagonal cell (white on dark), the row names left of the grid, the column names above it.
        Assert.True(LightPixels(named, new SKRectI(g.Left + 4, g.Top + 4, g.Left + g.Cell - 4, g.Top + g.Cell - 4)) > 10, "count");
        Assert.True(DarkPixels(named, new SKRectI(0, g.Top, g.Left - 2, g.Top + g.Cell)) > 40, "row name");
        Assert.True(DarkPixels(named, new SKRectI(g.Left, 30, g.Left + g.Cell, g.Top - 2)) > 40, "column name");
        Assert.True(DarkPixels(named, new SKRectI(g.Left, 0, g.Left + (10 * g.Cell), 26)) > 40, "'predicted' axis title");
        Assert.True(DarkPixels(named, new SKRectI(0, g.Top, 26, g.Top + (10 * g.Cell))) > 10, "'true' axis title");
        Assert.Throws<ArgumentException>(() => new ExperimentCharts().ConfusionMatrix(counts, ["a", "b"]));
    }

    [Fact]
    public void Line_chart_has_a_title_axis_labels_and_the_line()
    {
        var charts = new ExperimentCharts();
        (double, double)[] points = [(1, 0.5), (2, 0.7), (3, 0.9)];

        byte[] png = charts.LineChart("classifier sweep", "learning rate", "test accuracy", points);
        using var image = SKBitmap.Decode(png);

        Assert.Equal((ExperimentCharts.LineChartWidth, ExperimentCharts.LineChartHeight), (image.Width, image.Height));
        Assert.True(DarkPixels(image, new SKRectI(0, 0, image.Width, 30)) > 100, "title");
        Assert.True(DarkPixels(image, new SKRectI(0, 100, 30, image.Height - 100)) > 50, "y label");
        Assert.True(DarkPixels(image, new SKRectI(200, image.Height - 25, image.Width - 200, image.Height)) > 30, "x label");
        Assert.True(CountPixels(image, new SKRectI(0, 0, image.Width, image.Height), c => c.Blue > 150 && c.Red < 80) > 200, "the blue line and markers");
        Assert.Equal(png, charts.LineChart("classifier sweep", "learning rate", "test accuracy", points));
        Assert.NotNull(SKBitmap.Decode(charts.LineChart("empty", "x", "y", [(double.NaN, 1)])));
    }

    [Fact]
    public void Bars_name_each_model_under_its_bar()
    {
        var charts = new MixedEffectsCharts();

        using var image = SKBitmap.Decode(charts.Bars("Held-out cluster accuracy after 3 folds", [("Conventional", 0.8, 0.05), ("ME-MLP", 0.9, 0.02), ("Cluster input", double.NaN, double.NaN)]));

        Assert.True(image.Width >= 360 && image.Height == 360);
        Assert.True(CountPixels(image, new SKRectI(0, 0, image.Width, image.Height), c => c.Blue > 150 && c.Red < 60 && c.Green is > 100 and < 140) > 500, "first bar in tab10 blue");
        Assert.True(CountPixels(image, new SKRectI(0, 0, image.Width, image.Height), c => c.Red > 230 && c.Green is > 110 and < 140 && c.Blue < 40) > 500, "second bar in tab10 orange");
        Assert.True(DarkPixels(image, new SKRectI(0, image.Height - 60, image.Width, image.Height)) > 100, "model names and the x axis");
    }

    [Fact]
    public void Decision_boundaries_colour_regions_and_title_panels()
    {
        // Two classes split at x = 0 on a 2x2 grid: left cells class 0, right cells class 1.
        float[] probabilities = [0.9f, 0.1f, 0.1f, 0.9f, 0.9f, 0.1f, 0.1f, 0.9f];
        var panel = new BoundaryPanel(3, 2, 2, probabilities, -1, 1, -1, 1, [(0.5, 0.5, 1)], HeldOut: true);

        using var image = MixedEffectsCharts.RasteriseBoundaries([panel], 1);

        int left = MixedEffectsCharts.PanelPad, top = MixedEffectsCharts.PanelPad + MixedEffectsCharts.PanelTitleHeight;
        var leftRegion = image.GetPixel(left + 10, top + 60);
        var rightRegion = image.GetPixel(left + MixedEffectsCharts.PanelSize - 10, top + 60);
        Assert.True(leftRegion.Blue > leftRegion.Red, $"class 0 region (light blue): {leftRegion}");
        Assert.True(rightRegion.Red > rightRegion.Blue, $"class 1 region (light orange): {rightRegion}");
        Assert.True(CountPixels(image, new SKRectI(0, 0, image.Width, top), c => c.Red > 150 && c.Green < 100) > 30, "the held-out panel's title in red");
    }

    [Fact]
    public void Heatmaps_get_a_title_row_labels_and_a_colour_bar()
    {
        // Two rows of 4x2 cells: the top row red, the bottom row blue, scaled 10 times.
        byte[] pixels = [.. Enumerable.Range(0, 8).SelectMany(i => i < 4 ? new byte[] { 220, 0, 0 } : [0, 0, 220])];
        var picture = new DigitForge.Application.Experiments.HeatmapPicture("accuracy", 2, 4, pixels, [(0, "a long method name"), (1, "b")],
            t => ((byte)(255 * t), 0, (byte)(255 * (1 - t))), "0", "1", Scale: 10);

        using var image = HeatmapFigure.Rasterise(picture);
        var g = HeatmapFigure.Measure(picture);

        Assert.Equal((g.Width, g.Height), (image.Width, image.Height));
        Assert.Equal(new SKColor(220, 0, 0), image.GetPixel(g.Left + 5, g.Top + 5));
        Assert.Equal(new SKColor(0, 0, 220), image.GetPixel(g.Left + 35, g.Top + 15));
        Assert.True(image.GetPixel(g.BarLeft + 5, g.Top).Red > 240, "the bar's top is the ramp's high end");
        Assert.True(DarkPixels(image, new SKRectI(0, 0, image.Width, HeatmapFigure.TitleHeight)) > 30, "title");
        Assert.True(DarkPixels(image, new SKRectI(0, g.Top - 8, g.Left, g.Top + 5)) > 30, "first row's label");
        Assert.True(DarkPixels(image, new SKRectI(g.BarLeft + HeatmapFigure.BarWidth, g.Top, image.Width, image.Height)) > 10, "colour bar values");
        Assert.Equal(new ExperimentCharts().Heatmap(picture), new ExperimentCharts().Heatmap(picture));
    }

    private static int DarkPixels(SKBitmap image, SKRectI area) => CountPixels(image, area, c => c.Red < 110 && c.Green < 110 && c.Blue < 110);

    private static int LightPixels(SKBitmap image, SKRectI area) => CountPixels(image, area, c => c.Red > 200 && c.Green > 200 && c.Blue > 200);

    private static int CountPixels(SKBitmap image, SKRectI area, Func<SKColor, bool> test)
    {
        int count = 0;
        for (int y = Math.Max(0, area.Top); y < Math.Min(image.Height, area.Bottom); y++)
        {
            for (int x = Math.Max(0, area.Left); x < Math.Min(image.Width, area.Right); x++)
            {
                count += test(image.GetPixel(x, y)) ? 1 : 0;
            }
        }

        return count;
    }
}
