using System.Globalization;
using DigitForge.Application.Experiments.Summaries;

namespace DigitForge.Application.Experiments.Benchmark;

/// <summary>The benchmark's result summary: our test accuracy per model and variant beside the published figures.</summary>
public static class BenchmarkSummary
{
    public const string TableId = "benchmark-results";

    public static ExperimentSummary Of(IReadOnlyList<BenchmarkRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var table = new SummaryTable(
            TableId,
            "Results",
            ["Model", "Variant", "Test accuracy", "README", "Notebooks", "Δ notebooks", "Parameters", "Seconds"],
            [.. rows.Select(row => new SummaryRow(
                [
                    row.Model,
                    row.Variant,
                    string.Create(CultureInfo.InvariantCulture, $"{row.TestAccuracy * 100:0.0} %"),
                    Percent(row.PublishedReadme),
                    Range(row.NotebooksMin, row.NotebooksMax),
                    Delta(row),
                    row.Parameters.ToString("N0", CultureInfo.InvariantCulture),
                    row.Seconds.ToString("0.0", CultureInfo.InvariantCulture),
                ],
                row.RunId))],
            "Published: the MNIST-1D README and the notebooks' outputs after 6000 steps (greydanus/mnist1d).");
        var figures = rows.Select(r => new SummaryFigure(
            BenchmarkMetricName(r), string.Create(CultureInfo.InvariantCulture, $"{r.TestAccuracy * 100:0.0} %"), r.TestAccuracy)).ToList();
        return new ExperimentSummary(figures, [table], [], [.. rows.Select(r => new SummaryCurve("test/acc", $"{r.Model} ({r.Variant}) test accuracy", r.RunId))]);
    }

    private static string BenchmarkMetricName(BenchmarkRow row) => $"{row.Model} ({row.Variant})";

    private static string Percent(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) + " %" : "–";

    private static string Range(double? min, double? max) => min is null
        ? "–"
        : min == max ? Percent(min) : string.Create(CultureInfo.InvariantCulture, $"{min:0.#}–{max:0.#} %");

    private static string Delta(BenchmarkRow row)
    {
        if (row.NotebooksMin is not { } min || row.NotebooksMax is not { } max)
        {
            return "–";
        }

        double percent = row.TestAccuracy * 100;
        double distance = new PublishedAccuracy(row.Model, row.Variant, row.PublishedReadme ?? 0, min, max).DistanceFromNotebooks(percent);
        return distance == 0 ? "within" : string.Create(CultureInfo.InvariantCulture, $"{(percent < min ? "−" : "+")}{distance:0.0}");
    }
}
