using Bunit;
using DigitForge.Application.Experiments.Gasten;
using DigitForge.Application.Experiments.Summaries;
using DigitForge.Application.Jobs;
using DigitForge.Application.Tracking.Runs;
using DigitForge.Web.Components.Tracking;
using DigitForge.Web.Components.Tracking.Experiments;
using MudBlazor.Services;

namespace DigitForge.ComponentTests;

/// <summary>
/// The experiment views' logic: which view a run gets, numbers read back from the kinds' summary tables, the Pareto
/// front, heatmap layouts, NPY attribution overlays, and what the SVG charts and views render for given results.
/// </summary>
public sealed class ExperimentViewTests : BunitContext
{
    [Fact]
    public void The_registry_picks_a_view_by_kind_and_role_and_leaves_other_runs_generic()
    {
        Assert.Equal(typeof(GastenParentView), ExperimentViews.Find("gasten", ExperimentViews.JobRole));
        Assert.Equal(typeof(GastenStepView), ExperimentViews.Find("gasten", "step-2"));
        Assert.Equal(typeof(GastenStepView), ExperimentViews.Find("gasten", "step-1"));
        Assert.Equal(typeof(AmbiguityView), ExperimentViews.Find("gasten-ambiguity", ExperimentViews.JobRole));
        Assert.Equal(typeof(LocoView), ExperimentViews.Find("mixed-effects-loco", ExperimentViews.JobRole));
        Assert.Equal(typeof(GridView), ExperimentViews.Find("mixed-effects-grid", ExperimentViews.JobRole));
        Assert.Equal(typeof(CompositionalView), ExperimentViews.Find("compositional-robustness", ExperimentViews.JobRole));
        Assert.Null(ExperimentViews.Find("classifier", ExperimentViews.JobRole));
        Assert.Null(ExperimentViews.Find("gasten", ExperimentViews.ChildRole));
        Assert.Null(ExperimentViews.Find(null, ExperimentViews.JobRole));
        Assert.Equal("step-2", ExperimentViews.RoleOf(new Dictionary<string, string> { ["job_type"] = "step-2" }, isJobRun: false));
        Assert.Equal(ExperimentViews.JobRole, ExperimentViews.RoleOf(new Dictionary<string, string> { ["job_type"] = "step-2" }, isJobRun: true));
        Assert.Equal(ExperimentViews.ChildRole, ExperimentViews.RoleOf(new Dictionary<string, string>(), isJobRun: false));
        // One entry per (kind, role): the registry is a lookup, not an if-chain with shadowed cases.
        Assert.Equal(ExperimentViews.All.Count, ExperimentViews.All.Select(e => (e.Kind, e.Role)).Distinct().Count());
    }

    [Theory]
    [InlineData("0.718", 0.718)]
    [InlineData("71.8 %", 0.718)]
    [InlineData("+3.1 pts", 0.031)]
    [InlineData("-0.5", -0.5)]
    [InlineData("1e-3", 0.001)]
    [InlineData("0.718 (0.020)", 0.718)]
    public void Summary_cells_read_back_as_numbers(string cell, double expected) =>
        Assert.Equal(expected, SummaryCells.Number(cell)!.Value, 9);

    [Theory]
    [InlineData("-")]
    [InlineData("")]
    [InlineData("failed")]
    [InlineData("NaN")]
    public void Cells_without_a_number_are_null(string cell) => Assert.Null(SummaryCells.Number(cell));

    [Fact]
    public void Mean_and_sd_cells_split()
    {
        var (mean, sd) = SummaryCells.MeanSd("0.745 (0.020)")!.Value;
        Assert.Equal(0.745, mean, 9);
        Assert.Equal(0.02, sd!.Value, 9);
        Assert.Null(SummaryCells.MeanSd("0.7")!.Value.Sd);
    }

    [Fact]
    public void The_gasten_csv_parses_and_its_front_runs_left_to_right_and_bins_pair_up()
    {
        const string csv = "run_id,classifier,weight,s1_epoch,epoch,fid,conf_dist,ambiguous_share,pareto\n"
            + "r1,cnn-1,0,0,1,100.5,0.30,0.1,true\n"
            + "r1,cnn-1,0,0,2,150,0.35,0.1,false\n"
            + "r2,cnn-1,25,0,1,300,0.05,0.8,true\n"
            + "broken,line\n"
            + "r2,cnn-1,25,0,2,250,0.10,0.7,true\n";
        var points = GastenPoints.Parse(csv);
        Assert.Equal(4, points.Count);
        Assert.Equal(new GastenPoint("r1", "cnn-1", "0", 0, 1, 100.5, 0.30, 0.1, true), points[0]);
        Assert.Equal([0.05, 0.10, 0.30], GastenPoints.Front(points).Select(p => p.Acd));
        Assert.Empty(GastenPoints.Parse(null));

        Assert.Equal([3, 7, 0, 0, 0, 0, 0, 0, 0, 1], GastenPoints.TenBins([1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]));
        Assert.Equal("0.4–0.5", GastenPoints.BinLabel(4));
    }

    [Fact]
    public void The_scatter_marks_the_pareto_points_and_links_every_point_to_its_run()
    {
        GastenPoint[] points =
        [
            new("r1", "cnn-1", "0", 0, 1, 100, 0.3, 0.1, true),
            new("r1", "cnn-1", "0", 0, 2, 150, 0.35, 0.1, false),
            new("r2", "cnn-1", "25", 0, 1, 300, 0.05, 0.8, true),
        ];
        var scatter = Render<GastenScatter>(p => p.Add(c => c.Points, points));
        Assert.Equal(3, scatter.FindAll("circle.scatter-point").Count);
        Assert.Equal(2, scatter.FindAll("circle.scatter-point.pareto").Count);
        Assert.Equal(["/runs/r1", "/runs/r1", "/runs/r2"], scatter.FindAll("a").Select(a => a.GetAttribute("href")).Order());
        // The front joins the two efficient points, lowest ACD first (x grows to the right).
        string[] front = scatter.Find("polyline.pareto-front").GetAttribute("points")!.Split(' ');
        Assert.Equal(2, front.Length);
        Assert.True(double.Parse(front[0].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture) < double.Parse(front[1].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, scatter.FindAll(".legend-item").Count); // weights 0 and 25
    }

    [Fact]
    public void The_heatmap_draws_a_cell_per_value_with_gaps_at_the_breaks()
    {
        var data = new HeatmapData(["a", "b"], ["x1", "x2", "y1"], [[0.5, 1.0, null], [0.75, 0.6, 0.9]], [2], 0.5, 1.0);
        var map = Render<Heatmap>(p => p.Add(c => c.Data, data).Add(c => c.CellWidth, 10).Add(c => c.LabelWidth, 100));
        var cells = map.FindAll("rect.heat-cell");
        Assert.Equal(6, cells.Count);
        Assert.Equal("", cells[2].GetAttribute("data-value"));
        Assert.Equal("#9e9e9e", cells[2].GetAttribute("fill")); // no result: grey
        Assert.Equal("rgb(68,1,84)", cells[0].GetAttribute("fill")); // the minimum: dark purple
        Assert.Equal("rgb(253,231,37)", cells[1].GetAttribute("fill")); // the maximum: yellow
        Assert.Equal(["100", "110", "123"], cells.Take(3).Select(c => c.GetAttribute("x"))); // 3 px gap before the break
        Assert.Single(map.FindAll("line.heat-break"));
        Assert.Contains("b · y1: 0.900", map.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Grid_results_become_one_heatmap_per_model_faceted_like_the_paper()
    {
        var summary = Summary(new SummaryTable("grid-results", "t", ["#", "radius s.d.", "noise", "degrees", "clusters", "Conventional", "ME-MLP"],
        [
            Row("1", "0.1", "0.1", "180", "5", "0.700", "0.800"),
            Row("2", "0.1", "0.1", "360", "5", "0.600", "failed"),
            Row("3", "0.5", "0.1", "180", "5", "0.900", "0.950"),
            Row("4", "0.1", "0.1", "180", "10", "0.650", "-"),
        ]));
        var results = GridResults.From(summary);
        Assert.Equal(["Conventional", "ME-MLP"], results.Models);
        var map = results.Heatmap(1);
        Assert.Equal(["r.s.d. 0.1 · noise 0.1", "r.s.d. 0.5 · noise 0.1"], map.Rows);
        Assert.Equal(["180° · 5 cl.", "180° · 10 cl.", "360° · 5 cl."], map.Columns);
        Assert.Equal([2], map.ColumnBreaks);
        Assert.Equal(0.8, map[0, 0]);
        Assert.Null(map[0, 1]);
        Assert.Null(map[0, 2]); // failed
        Assert.Equal(0.95, map[1, 0]);
        Assert.Null(map[1, 1]); // not in the grid
    }

    [Fact]
    public async Task The_grid_view_renders_heatmaps_and_a_table_that_sorts_by_a_model()
    {
        // MudBlazor's services dispose only asynchronously, which xunit does not do for the test class: a context of its own.
        await using var mud = new BunitContext();
        mud.Services.AddMudServices();
        mud.JSInterop.Mode = JSRuntimeMode.Loose;
        var summary = Summary(new SummaryTable("grid-results", "t", ["#", "radius s.d.", "noise", "degrees", "clusters", "Conventional"],
        [
            Row("1", "0.1", "0.1", "180", "5", "0.700"),
            Row("2", "0.1", "0.1", "360", "5", "0.900"),
            Row("3", "0.5", "0.1", "180", "5", "0.600"),
        ]));
        var view = mud.Render<GridView>(p => p.Add(c => c.View, Context("mixed-effects-grid", summary)));
        // 2 x 2 cells (radius s.d. 0.1/0.5 by 180/360 degrees); the grid has no (0.5, 360) configuration.
        Assert.Equal(4, view.FindAll("#grid-heatmap-0 rect.heat-cell").Count);
        Assert.Single(view.FindAll("#grid-heatmap-0 rect.heat-cell[data-value='']"));
        Assert.Equal(["0.700", "0.900", "0.600"], view.FindAll("td.grid-acc").Select(td => td.TextContent.Trim()));
        view.Find("#grid-sort-0").Click();
        Assert.Equal(["0.600", "0.700", "0.900"], view.FindAll("td.grid-acc").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public void Compositional_tables_give_the_heatmap_by_length_and_the_length_curves()
    {
        var summary = Summary(
            new SummaryTable("compositional-by-length", "t", ["method", "1 (elementals)", "2", "3", "unseen mean (≥ 2)"],
            [
                Row("CrossEntropy", "90.0 %", "50.0 %", "30.0 %", "40.0 %"),
                Row("ImgSpace", "85.0 %", "60.0 %", "-", "60.0 %"),
            ]),
            new SummaryTable("compositional-accuracy", "t", ["composition", "length", "images", "CrossEntropy", "ImgSpace"],
            [
                Row("Identity", "1", "10", "90.0 %", "85.0 %"),
                Row("Invert", "1", "10", "80.0 %", "80.0 %"),
                Row("Invert-Swirl", "2", "10", "50.0 %", "60.0 %"),
            ]));
        var tables = CompositionalTables.From(summary);
        Assert.Equal(["CrossEntropy", "ImgSpace"], tables.Methods);
        var map = tables.Heatmap();
        Assert.Equal(["Identity", "Invert", "Invert-Swirl"], map.Columns);
        Assert.Equal([2], map.ColumnBreaks);
        Assert.Equal(0.6, map[1, 2]!.Value, 9);
        Assert.Equal([1.0, 2.0, 3.0], tables.ByLength[0].X);
        Assert.Equal([0.85, 0.6, null], tables.ByLength[1].Y.Select(v => v is { } d ? Math.Round(d, 9) : (double?)null));

        var view = Render<CompositionalView>(p => p.Add(c => c.View, Context("compositional-robustness", summary)));
        Assert.Equal(6, view.FindAll("#compositional-heatmap rect.heat-cell").Count);
        Assert.Equal(2, view.FindAll("#compositional-length-chart polyline.series-line").Count);
        Assert.Equal("5", view.Find("#compositional-length-chart").GetAttribute("data-points"));
    }

    [Fact]
    public void Loco_tables_read_means_p_values_and_folds_and_chart_them()
    {
        var summary = Summary(
            new SummaryTable("loco-accuracy", "t", ["Model", "Partition", "Accuracy", "Balanced accuracy", "Reference \"balanced_accuracy\"", "t vs conventional", "p (paired t-test)", "Folds"],
            [
                Row("Conventional", "Seen test", "0.700 (0.020)", "", "", "", "", "2"),
                Row("ME-MLP", "Seen test", "0.750 (0.010)", "", "", "3.1", "1.2e-2", "2"),
                Row("Conventional", "Held-out cluster", "0.650 (0.100)", "", "", "", "", "2"),
                Row("ME-MLP", "Held-out cluster", "0.600 (0.100)", "", "", "-0.5", "0.6", "2"),
            ]),
            new SummaryTable("loco-folds", "t", ["Held-out cluster", "Model", "Train", "Seen test", "Held-out cluster", "Cluster effects"],
            [
                new SummaryRow(["0", "Conventional", "0.8", "0.68", "0.55", "thickness 2.5, blur 0"], "c0"),
                new SummaryRow(["0", "ME-MLP", "0.8", "0.74", "0.5", "thickness 2.5, blur 0"], "m0"),
                new SummaryRow(["1", "Conventional", "0.8", "0.72", "0.75", "swelling 3"], "c1"),
                new SummaryRow(["1", "ME-MLP", "0.8", "0.76", "0.7", "swelling 3"], "m1"),
            ]));
        var tables = LocoTables.From(summary);
        Assert.Equal(["Conventional", "ME-MLP"], tables.Models);
        Assert.Equal(["Train", "Seen test", "Held-out cluster"], tables.Partitions);
        Assert.True(tables.Mean("ME-MLP", "Seen test")!.Significant);
        Assert.False(tables.Mean("ME-MLP", "Held-out cluster")!.Significant);
        Assert.Equal([0.74, 0.76], tables.FoldValues("ME-MLP", "Seen test"));

        var view = Render<LocoView>(p => p.Add(c => c.View, Context("mixed-effects-loco", summary)));
        Assert.Equal(3, view.FindAll("figure.loco-bars").Count);
        Assert.Equal(4, view.FindAll("figure.loco-bars[data-partition='Seen test'] circle.fold-dot").Count); // 2 folds x 2 models
        Assert.Equal("0.750", view.Find("figure.loco-bars[data-partition='Seen test'] rect.loco-bar[data-model='ME-MLP']").GetAttribute("data-mean"));
        Assert.Single(view.FindAll("figure.loco-bars[data-partition='Seen test'] text.significance"));
        Assert.Equal(2, view.FindAll("#loco-fold-table tbody tr").Count);
        Assert.Equal("swelling 3", view.Find("#loco-fold-table tr[data-fold='1'] .cluster-effects").TextContent);
        Assert.Equal("0.740 / 0.500", view.Find("#loco-fold-table tr[data-fold='0'] td[data-model='ME-MLP']").TextContent.Trim());
    }

    [Fact]
    public void Npy_maps_parse_and_become_overlays_red_for_saliency_and_signed_for_integrated_gradients()
    {
        float[] maps = new float[2 * 2 * 2];
        maps[0] = 1f; maps[1] = 0.5f; maps[2] = 0.01f; // map 0: strong, half, faint (left out)
        maps[4] = -2f; maps[7] = 1f;                    // map 1: negative and positive
        var npy = NpyFloats.Parse(GastenPictures.Npy(maps, 2, 2, 2))!;
        Assert.Equal([2, 2, 2], npy.Shape);
        Assert.Equal(1f, npy.Item(0)[0]);
        Assert.Equal(-2f, npy.Item(1)[0]);
        Assert.Null(NpyFloats.Parse([1, 2, 3]));

        var saliency = AttributionOverlay.Cells(npy.Item(0), 2, diverging: false);
        Assert.Equal([(0, 0, 0.85), (1, 0, 0.425)], saliency.Select(c => (c.X, c.Y, c.Opacity)));
        var integrated = AttributionOverlay.Cells(npy.Item(1), 2, diverging: true);
        Assert.Equal(["#1565c0", "#e53935"], integrated.Select(c => c.Colour));
        Assert.Equal((1, 1), (integrated[1].X, integrated[1].Y));
        Assert.Empty(AttributionOverlay.Cells(new float[4], 2, diverging: false));
    }

    [Fact]
    public void A_line_chart_draws_a_line_and_dots_per_series_skipping_gaps()
    {
        ChartSeries[] series = [new("FID", [0, 1, 2], [300, null, 100]), new("ACD", [0, 1, 2], [0.3, 0.2, 0.1])];
        var chart = Render<LineChart>(p => p.Add(c => c.Series, series).Add(c => c.Id, "c"));
        Assert.Equal(2, chart.FindAll("polyline.series-line").Count);
        Assert.Equal(2, chart.FindAll("polyline.series-line")[0].GetAttribute("points")!.Split(' ').Length);
        Assert.Equal("5", chart.Find("figure").GetAttribute("data-points"));
        Assert.Equal(2, chart.FindAll(".legend-item").Count);
    }

    [Fact]
    public void Chart_scales_map_ranges_and_pick_round_ticks()
    {
        var scale = new ChartScale(0, 10, 100, 0);
        Assert.Equal(100, scale.Map(0));
        Assert.Equal(50, scale.Map(5));
        Assert.Equal([0, 2, 4, 6, 8, 10], scale.Ticks());
        var flat = ChartScale.Over([3, 3], 0, 1);
        Assert.True(flat.Max > flat.Min);
    }

    private static ExperimentSummary Summary(params SummaryTable[] tables) => new([], tables, [], []);

    private static SummaryRow Row(params string[] cells) => new(cells, "run-" + cells[0]);

    private static ExperimentViewContext Context(string kind, ExperimentSummary summary)
    {
        var run = new RunDto("job1", 1, "job", "FINISHED", DateTimeOffset.UnixEpoch, null, null, null, null, null,
            new Dictionary<string, string>(), new Dictionary<string, string>(), new Dictionary<string, MetricSummaryDto>());
        var job = new JobDto("job1", "job1", kind, "FINISHED", "cpu", new Dictionary<string, object?>(), DateTimeOffset.UnixEpoch, null, null, null, null, false, null);
        var snapshot = new RunSnapshot(run, null, [], [], new JobSnapshot(job, summary, [], [], null), new Dictionary<string, MetricSeries>());
        return new ExperimentViewContext(snapshot, kind, ExperimentViews.JobRole, summary);
    }
}
