using DigitForge.Application.Experiments.Summaries;

namespace DigitForge.Web.Components.Tracking.Experiments;

/// <summary>One configuration of the mixed-effects grid: its simulation parameters and each model's mean seen-test accuracy.</summary>
public sealed record GridRow(int Index, string? RunId, string RadiusSd, string Noise, string Degrees, string Clusters, IReadOnlyList<double?> Accuracy);

/// <summary>The mixed-effects-grid summary's <c>grid-results</c> table as numbers, and one heatmap per model.</summary>
public sealed record GridResults(IReadOnlyList<string> Models, IReadOnlyList<GridRow> Rows)
{
    private const int Fixed = 5; // #, radius s.d., noise, degrees, clusters

    public static GridResults From(ExperimentSummary? summary)
    {
        if (SummaryCells.Table(summary, "grid-results") is not { } table || table.Columns.Count <= Fixed)
        {
            return new GridResults([], []);
        }

        var models = table.Columns.Skip(Fixed).ToList();
        var rows = table.Rows
            .Where(r => SummaryCells.Number(SummaryCells.Cell(r, 0)) is not null)
            .Select(r => new GridRow((int)SummaryCells.Number(SummaryCells.Cell(r, 0))!.Value, r.RunId,
                SummaryCells.Cell(r, 1), SummaryCells.Cell(r, 2), SummaryCells.Cell(r, 3), SummaryCells.Cell(r, 4),
                [.. models.Select((_, m) => SummaryCells.Number(SummaryCells.Cell(r, Fixed + m)))]))
            .ToList();
        return new GridResults(models, rows);
    }

    /// <summary>
    /// The heatmap of one model: rows radius s.d. × noise, columns degrees × clusters (the paper's facets), a
    /// separator where degrees change; the colour range 0.5-1.0 as the kind's PNG (chance to perfect for two classes).
    /// </summary>
    public HeatmapData Heatmap(int model)
    {
        var rowKeys = Rows.Select(r => (r.RadiusSd, r.Noise)).Distinct().OrderBy(k => Num(k.RadiusSd)).ThenBy(k => Num(k.Noise)).ToList();
        var columnKeys = Rows.Select(r => (r.Degrees, r.Clusters)).Distinct().OrderBy(k => Num(k.Degrees)).ThenBy(k => Num(k.Clusters)).ToList();
        var values = rowKeys.Select(rk => (IReadOnlyList<double?>)[.. columnKeys.Select(ck =>
            Rows.FirstOrDefault(r => (r.RadiusSd, r.Noise) == rk && (r.Degrees, r.Clusters) == ck)?.Accuracy[model])]).ToList();
        var breaks = Enumerable.Range(1, Math.Max(0, columnKeys.Count - 1)).Where(c => columnKeys[c].Degrees != columnKeys[c - 1].Degrees).ToList();
        return new HeatmapData(
            [.. rowKeys.Select(k => $"r.s.d. {k.RadiusSd} · noise {k.Noise}")],
            [.. columnKeys.Select(k => $"{k.Degrees}° · {k.Clusters} cl.")],
            values, breaks, 0.5, 1.0);
    }

    private static double Num(string text) => SummaryCells.Number(text) ?? double.MaxValue;
}
