using System.Xml.Linq;
using DigitForge.Application.Mnist1D;
using DigitForge.Domain.Mnist1D;
using DigitForge.Infrastructure.Mnist1D;
using DigitForge.Infrastructure.Plotting;
using SkiaSharp;

namespace DigitForge.IntegrationTests.Plotting;

public class SignalPlotTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    // A straight vertical signal at value 0 from t = -1 to t = 1, drawn at zoom 2.
    private static SignalPlot Vertical(SignalPlotStyle style, int panels = 1) => new(
        [.. Enumerable.Range(0, panels).Select(i => new SignalPanel([0, 0, 0], [-1, 0, 1], $"label={i}"))], style, zoom: 2);

    [Fact]
    public void Lines_are_black_and_upright_with_t_downwards_on_white()
    {
        var plot = Vertical(SignalPlotStyle.Line);
        var layout = new SignalPlotLayout(plot);
        using var canvas = PngSignalPlotRenderer.Rasterise(plot);

        var (left, top, width, height) = layout.Axes(0);
        int centre = left + (width / 2);
        Assert.Equal((90, 234), (canvas.Width, canvas.Height));
        Assert.Equal(Rgb.Black, Pixel(canvas, centre, top + (height / 2))); // t = 0 is mid-height
        Assert.Equal(Rgb.White, Pixel(canvas, centre, top + (height / 8))); // t = -1.5: above the signal's start at t = -1
        Assert.Equal(Rgb.White, Pixel(canvas, left + 10, top + (height / 2)));
        Assert.Equal(Rgb.Black, Pixel(canvas, left, top + 5)); // the frame

        // t = -1 maps a quarter of the way down, so the line starts there.
        var (_, startY) = layout.Map(0, 0, -1);
        Assert.Equal(top + (height / 4.0), startY, 6);
    }

    [Fact]
    public void Dark_markers_are_white_dots_on_black_axes()
    {
        var plot = Vertical(SignalPlotStyle.DarkMarkers);
        var layout = new SignalPlotLayout(plot);
        using var canvas = PngSignalPlotRenderer.Rasterise(plot);

        var (x, y) = layout.Map(0, 0, 0);
        Assert.Equal(Rgb.White, Pixel(canvas, (int)x, (int)y));
        var (left, top, _, _) = layout.Axes(0);
        Assert.Equal(Rgb.Black, Pixel(canvas, left + 5, top + 5));
    }

    [Fact]
    public void Titles_are_drawn_above_each_panel()
    {
        var plot = Vertical(SignalPlotStyle.Line, panels: 12);
        using var canvas = PngSignalPlotRenderer.Rasterise(plot);

        Assert.Equal((900, 468), (canvas.Width, canvas.Height));
        for (int row = 0; row < 2; row++)
        {
            int inkInTitleBand = 0;
            for (int y = row * 234; y < (row * 234) + SignalPlotLayout.TitleHeight; y++)
            {
                for (int x = 0; x < 90; x++)
                {
                    inkInTitleBand += canvas.GetPixel(x, y).Red < 128 ? 1 : 0;
                }
            }

            Assert.True(inkInTitleBand > 50, $"row {row}: {inkInTitleBand} ink pixels in the first title");
        }
    }

    [Fact]
    public void Png_encodes_the_raster_and_the_same_plot_gives_the_same_bytes()
    {
        var plot = Vertical(SignalPlotStyle.Line, panels: 3);
        byte[] bytes = PngSignalPlotRenderer.Render(plot);
        using var png = SKBitmap.Decode(bytes);
        using var raster = PngSignalPlotRenderer.Rasterise(plot);

        Assert.Equal((270, 234), (png.Width, png.Height));
        Assert.Equal(raster.GetPixel(45, 120), png.GetPixel(45, 120));
        Assert.Equal(bytes, PngSignalPlotRenderer.Render(plot));
    }

    [Fact]
    public void Titles_are_real_text_centred_over_their_panel()
    {
        // "label=1" is wider than "1": real glyphs of a proportional font, centred on the panel.
        var plot = new SignalPlot([new SignalPanel([0], [0], "1"), new SignalPanel([0], [0], "label=1")], SignalPlotStyle.Line, zoom: 2);
        using var canvas = PngSignalPlotRenderer.Rasterise(plot);

        var (narrowLeft, narrowRight) = InkColumns(canvas, 0, 90);
        var (wideLeft, wideRight) = InkColumns(canvas, 90, 180);
        Assert.True(wideRight - wideLeft > 3 * (narrowRight - narrowLeft), $"{wideRight - wideLeft} vs {narrowRight - narrowLeft} px");
        Assert.InRange((narrowLeft + narrowRight) / 2.0, 40, 50);
        Assert.InRange((wideLeft + wideRight) / 2.0, 130, 140);
        Assert.True(wideRight - wideLeft <= 90 - (2 * SignalPlotLayout.Margin), "a digit's title fits its panel");
    }

    [Fact]
    public void Svg_has_the_same_geometry_with_escaped_titles()
    {
        var plot = new SignalPlot([new SignalPanel([0, 1], [-1, 1], "a<b&c"), new SignalPanel([0, 0], [0, 1], null)], SignalPlotStyle.Line, zoom: 2);
        var layout = new SignalPlotLayout(plot);

        var svg = XDocument.Parse(SvgSignalPlotRenderer.Render(plot)).Root!;

        Assert.Equal("180", svg.Attribute("width")!.Value);
        Assert.Equal("234", svg.Attribute("height")!.Value);
        Assert.Equal("a<b&c", Assert.Single(svg.Descendants(Svg + "text")).Value);
        var polylines = svg.Descendants(Svg + "polyline").ToArray();
        Assert.Equal(2, polylines.Length);
        var (x, y) = layout.Map(0, 1, 1);
        Assert.EndsWith($"{x:0.##},{y:0.##}", polylines[0].Attribute("points")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_zoom_covers_every_point_and_is_at_least_one()
    {
        Assert.Equal(1, SignalPlot.FitZoom([new SignalPanel([0.1], [0.2], null)]), 12);
        Assert.Equal(5.25, SignalPlot.FitZoom([new SignalPanel([0.1, double.NaN], [-5, 2], null)]), 12);
    }

    [Fact]
    public void Mnist1d_sample_plots_title_each_panel_with_its_label()
    {
        var signals = Mnist1DSignals.Templates(Mnist1DTemplates.Default);

        var samples = Mnist1DPlots.Samples(signals);
        var templates = Mnist1DPlots.Templates(signals);

        Assert.Equal(SignalPlotStyle.Line, samples.Style);
        Assert.Equal(SignalPlotStyle.DarkMarkers, templates.Style);
        Assert.Equal(1, templates.Zoom);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"label={i}"), samples.Panels.Select(p => p.Title));
    }

    private static Rgb Pixel(SKBitmap canvas, int x, int y)
    {
        var c = canvas.GetPixel(x, y);
        return new Rgb(c.Red, c.Green, c.Blue);
    }

    /// <summary>The first and last column with dark pixels in the title band, between <paramref name="from"/> and <paramref name="to"/>.</summary>
    private static (int Left, int Right) InkColumns(SKBitmap canvas, int from, int to)
    {
        int left = int.MaxValue, right = int.MinValue;
        for (int x = from; x < to; x++)
        {
            for (int y = 0; y < SignalPlotLayout.TitleHeight; y++)
            {
                if (canvas.GetPixel(x, y).Red < 128)
                {
                    left = Math.Min(left, x);
                    right = Math.Max(right, x);
                }
            }
        }

        Assert.True(left <= right, $"no title ink between x = {from} and {to}");
        return (left, right);
    }
}
