using Bunit;
using DigitForge.Application.Tracking.Images;
using DigitForge.Application.Tracking.Runs;
using DigitForge.Web.Components.Common;
using DigitForge.Web.Components.Tracking;

namespace DigitForge.ComponentTests;

/// <summary>Components rendered by bUnit: what they show for given inputs and how they react to clicks and new data.</summary>
public sealed class ComponentRenderingTests : BunitContext
{
    [Fact]
    public void The_image_slider_follows_the_newest_image_until_moved_back()
    {
        var images = Images(3);
        var slider = Render<ImageSlider>(p => p.Add(c => c.Key, "samples").Add(c => c.Images, images));
        Assert.Equal("2", slider.Find("input.image-slider").GetAttribute("max"));
        Assert.Equal("/api/runs/r1/images/3", slider.Find("img").GetAttribute("src"));

        // A new image arrives while at the end: the slider moves on to it.
        slider.Render(p => p.Add(c => c.Images, Images(4)));
        Assert.Equal("/api/runs/r1/images/4", slider.Find("img").GetAttribute("src"));

        // Moved back to the first step: a new image does not pull it forward.
        slider.Find("input.image-slider").Input("0");
        Assert.Equal("/api/runs/r1/images/1", slider.Find("img").GetAttribute("src"));
        Assert.Equal("0", slider.Find(".image-step").TextContent);
        slider.Render(p => p.Add(c => c.Images, Images(5)));
        Assert.Equal("/api/runs/r1/images/1", slider.Find("img").GetAttribute("src"));
    }

    [Fact]
    public void Query_problems_are_listed_and_nothing_shows_without_any()
    {
        var none = Render<QueryProblems>(p => p.Add(c => c.Problems, Array.Empty<string>()));
        Assert.Empty(none.Markup.Trim());

        var some = Render<QueryProblems>(p => p.Add(c => c.Problems, new[] { "index: expected a whole number, got 'abc'." }));
        Assert.Contains("index: expected a whole number", some.Find("#query-problems").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Parallel_coordinates_draw_one_line_per_run_across_the_axes()
    {
        RunDto[] runs = [Run("a", "0.1", 0.5), Run("b", "0.01", 0.9), Run("c", "0.001", 0.7)];
        var chart = Render<ParallelCoordinates>(p => p
            .Add(c => c.Runs, runs)
            .Add(c => c.Axes, new[] { "lr" })
            .Add(c => c.Metric, "acc")
            .Add(c => c.Label, r => r.Name));

        var lines = chart.FindAll("polyline");
        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.Equal(2, l.GetAttribute("points")!.Split(' ').Length));
        // The best accuracy (b) is at the top of the metric axis (y = 16), the worst (a) at the bottom (y = 232).
        Assert.EndsWith(",16", lines[1].GetAttribute("points"), StringComparison.Ordinal);
        Assert.EndsWith(",232", lines[0].GetAttribute("points"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_metric_chart_draws_its_lines_through_the_chart_module()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        var module = JSInterop.SetupModule("./_content/DigitForge.Web/tracking/metric-chart.js");
        module.SetupVoid("draw", _ => true);
        ChartLine[] lines = [new("train/loss", 3, [0, 1, 2], [1.0, 0.5, 0.25]), new("test/loss", 2, [0, 2], [1.1, null])];

        var chart = Render<MetricChart>(p => p.Add(c => c.Name, "loss").Add(c => c.Lines, lines));

        Assert.Equal("3", chart.Find("figure.chart").GetAttribute("data-points"));
        Assert.Equal("2", chart.Find("figure.chart").GetAttribute("data-series"));
        var call = Assert.Single(module.Invocations, i => i.Identifier == "draw");
        Assert.Equal(3, call.Arguments.Count);
    }

    private static List<RunImageDto> Images(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new RunImageDto(i, "r1", "samples", i - 1, $"step {i - 1}", 28, 28, DateTimeOffset.UnixEpoch))];

    private static RunDto Run(string name, string lr, double acc) => new(
        name, 1, name, "FINISHED", DateTimeOffset.UnixEpoch, null, null, null, null, null,
        new Dictionary<string, string>(),
        new Dictionary<string, string> { ["lr"] = lr },
        new Dictionary<string, MetricSummaryDto> { ["acc"] = new(acc, 1, 0, acc, acc, 1) });
}
