using DigitForge.Application.Experiments.Summaries;

namespace DigitForge.Cli.Commands;

/// <summary>A result summary as plain text: figures as <c>name: value</c>, tables as aligned columns, then where the images and curves are.</summary>
internal static class ExperimentSummaryText
{
    public static void Write(TextWriter output, string runId, ExperimentSummary summary)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(summary);
        foreach (var figure in summary.Figures)
        {
            output.WriteLine($"{figure.Name}: {figure.Text}");
        }

        foreach (var table in summary.Tables)
        {
            output.WriteLine();
            output.WriteLine(table.Title);
            int columns = table.Columns.Count;
            int[] widths = [.. Enumerable.Range(0, columns).Select(c => table.Rows.Select(r => c < r.Cells.Count ? r.Cells[c].Length : 0).Append(table.Columns[c].Length).Max())];
            output.WriteLine(Line(table.Columns, widths));
            foreach (var row in table.Rows)
            {
                output.WriteLine(Line(row.Cells, widths));
            }

            if (table.Note is not null)
            {
                output.WriteLine(table.Note);
            }
        }

        foreach (var image in summary.Images)
        {
            output.WriteLine($"image {image.Key}: {image.Title} (on the run page /runs/{image.RunId ?? runId})");
        }

        foreach (var curve in summary.Curves.Where(c => c.RunId is null))
        {
            output.WriteLine($"curve {curve.Metric}: {curve.Title}");
        }
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", widths.Select((w, i) => (i < cells.Count ? cells[i] : string.Empty).PadRight(w))).TrimEnd();
}
