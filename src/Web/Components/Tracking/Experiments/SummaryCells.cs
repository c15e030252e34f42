using System.Globalization;
using DigitForge.Application.Experiments.Summaries;

namespace DigitForge.Web.Components.Tracking.Experiments;

/// <summary>
/// Numbers back out of a result summary's text cells (the kinds write "0.718", "71.8 %", "0.718 (0.020)", "+3.1 pts",
/// "-" for none), so the views can chart the tables the kinds already publish instead of asking for new artifacts.
/// </summary>
public static class SummaryCells
{
    /// <summary>The leading number of a cell; a percent cell as a fraction (71.8 % → 0.718); null for "-", "" or text.</summary>
    public static double? Number(string? cell)
    {
        if (string.IsNullOrWhiteSpace(cell))
        {
            return null;
        }

        string text = cell.Trim();
        int end = 0;
        while (end < text.Length && (char.IsDigit(text[end]) || text[end] is '.' or '-' or '+' or 'e' or 'E'))
        {
            end++;
        }

        if (end == 0 || !double.TryParse(text[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            return null;
        }

        string rest = text[end..].TrimStart();
        return rest.StartsWith('%') ? value / 100 : rest.StartsWith("pts", StringComparison.Ordinal) ? value / 100 : value;
    }

    /// <summary>"0.718 (0.020)" → (0.718, 0.020); a lone number has no s.d.</summary>
    public static (double Mean, double? Sd)? MeanSd(string? cell)
    {
        if (Number(cell) is not { } mean)
        {
            return null;
        }

        int open = cell!.IndexOf('(', StringComparison.Ordinal);
        return (mean, open < 0 ? null : Number(cell[(open + 1)..].TrimEnd(')')));
    }

    /// <summary>The summary table with this id, or null.</summary>
    public static SummaryTable? Table(ExperimentSummary? summary, string id) => summary?.Tables.FirstOrDefault(t => t.Id == id);

    /// <summary>The index of a column by its title, or -1.</summary>
    public static int Column(SummaryTable table, string title)
    {
        ArgumentNullException.ThrowIfNull(table);
        for (int i = 0; i < table.Columns.Count; i++)
        {
            if (string.Equals(table.Columns[i], title, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A cell by column index, "" when the row is short.</summary>
    public static string Cell(SummaryRow row, int column) => column >= 0 && column < row.Cells.Count ? row.Cells[column] : string.Empty;
}
