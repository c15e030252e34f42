using DigitForge.Application.Experiments.Summaries;

namespace DigitForge.Web.Components.Tracking.Experiments;

/// <summary>
/// The compositional-robustness summary's tables as numbers: accuracy per method and composition (the heatmap,
/// compositions in the table's order, i.e. sorted by length), and mean accuracy per method and length (the line chart).
/// </summary>
public sealed record CompositionalTables(
    IReadOnlyList<string> Methods,
    IReadOnlyList<(string Composition, int Length)> Compositions,
    IReadOnlyList<IReadOnlyList<double?>> Accuracy,
    IReadOnlyList<ChartSeries> ByLength)
{
    private const int Fixed = 3; // composition, length, images

    public static CompositionalTables From(ExperimentSummary? summary)
    {
        var methods = new List<string>();
        var compositions = new List<(string, int)>();
        var accuracy = new List<IReadOnlyList<double?>>();
        if (SummaryCells.Table(summary, "compositional-accuracy") is { } table && table.Columns.Count > Fixed)
        {
            methods = [.. table.Columns.Skip(Fixed)];
            var rows = table.Rows.Where(r => SummaryCells.Number(SummaryCells.Cell(r, 1)) is not null).ToList();
            compositions = [.. rows.Select(r => (SummaryCells.Cell(r, 0), (int)SummaryCells.Number(SummaryCells.Cell(r, 1))!.Value))];
            accuracy = [.. methods.Select((_, m) => (IReadOnlyList<double?>)[.. rows.Select(r => SummaryCells.Number(SummaryCells.Cell(r, Fixed + m)))])];
        }

        var series = new List<ChartSeries>();
        if (SummaryCells.Table(summary, "compositional-by-length") is { } byLength)
        {
            // Columns: method, "1 (elementals)", "2", ..., "unseen mean (≥ 2)".
            var lengths = byLength.Columns.Select((c, i) => (Index: i, Length: i == 0 || c.StartsWith("unseen", StringComparison.Ordinal) ? null : SummaryCells.Number(c)))
                .Where(c => c.Length is not null).ToList();
            series = [.. byLength.Rows.Select(r => new ChartSeries(SummaryCells.Cell(r, 0),
                [.. lengths.Select(l => l.Length!.Value)],
                [.. lengths.Select(l => SummaryCells.Number(SummaryCells.Cell(r, l.Index)))]))];
        }

        return new CompositionalTables(methods, compositions, accuracy, series);
    }

    /// <summary>Methods (rows) × compositions (columns, by length, a separator where the length grows); 0-100 %.</summary>
    public HeatmapData Heatmap() => new(
        Methods,
        [.. Compositions.Select(c => c.Composition)],
        Accuracy,
        [.. Enumerable.Range(1, Math.Max(0, Compositions.Count - 1)).Where(i => Compositions[i].Length != Compositions[i - 1].Length)],
        0,
        1);
}
