using System.Text.Json;
using DigitForge.Application.Experiments.Benchmark;
using DigitForge.Application.Experiments.Kinds;
using DigitForge.Application.Experiments.Summaries;
using DigitForge.Domain.Datasets;

namespace DigitForge.UnitTests.Experiments;

public sealed class ExperimentSummaryTests
{
    [Fact]
    public void A_summary_round_trips_and_garbage_is_no_summary()
    {
        var summary = new ExperimentSummary(
            [new SummaryFigure("g_loss", "0.7000", 0.7)],
            [new SummaryTable("t", "Table", ["a", "b"], [new SummaryRow(["1", "2"], "run")], "note")],
            [new SummaryImage("samples", "Samples")],
            [new SummaryCurve("train/g_loss", "G loss")]);

        var back = ExperimentSummary.Parse(new MemoryStream(summary.ToJson()))!;
        Assert.Equal(0.7, back.Figures[0].Value);
        Assert.Equal(["1", "2"], back.Tables[0].Rows[0].Cells);
        Assert.Equal("samples", back.Images[0].Key);
        Assert.Null(ExperimentSummary.Parse(new MemoryStream("[nope"u8.ToArray())));
    }

    [Fact]
    public void The_benchmark_table_shows_our_accuracy_beside_the_published_range()
    {
        var row = new BenchmarkRow("cnn", "plain", "r1", 0.91, 0.99, 5210, 12.3, 94, 92.3, 94.2);
        var table = BenchmarkSummary.Of([row]).Tables.Single();
        Assert.Equal(BenchmarkSummary.TableId, table.Id);
        Assert.Equal(["cnn", "plain", "91.0 %", "94 %", "92.3–94.2 %", "−1.3", "5,210", "12.3"], table.Rows[0].Cells);
        Assert.Equal("r1", table.Rows[0].RunId);
    }

    [Fact]
    public void The_gan_recipe_has_the_task_keys_and_the_reference_defaults()
    {
        var kind = new GanKind(null!, null!, null!, null!, null!);
        var values = ParameterValues.WithDefaults(kind.Parameters);
        using var recipe = JsonDocument.Parse(GanKind.Recipe(values, "/tmp/out"));
        var root = recipe.RootElement;
        Assert.Equal(64, root.GetProperty("z_dim").GetInt32());
        Assert.Equal(64, root.GetProperty("batch_size").GetInt32());
        Assert.Equal("ns", root.GetProperty("loss").GetString());
        Assert.Equal(1, root.GetProperty("disc_iters").GetInt32());
        Assert.True(root.GetProperty("drop_last").GetBoolean());
        var optimizer = root.GetProperty("optimizer");
        Assert.Equal("adam", optimizer.GetProperty("type").GetString());
        Assert.Equal(2e-4, optimizer.GetProperty("learning_rate").GetDouble());
        Assert.Equal([0.5, 0.999], optimizer.GetProperty("betas").EnumerateArray().Select(b => b.GetDouble()));
        Assert.Equal("/tmp/out", root.GetProperty("output_dir").GetString());
    }
}
