namespace DigitForge.Web.Components.Tracking.Experiments;

/// <summary>
/// A matrix for <see cref="Heatmap"/>: row and column labels, values (null: no result), and the columns before which
/// a separator is drawn (e.g. where the composition length changes).
/// </summary>
public sealed record HeatmapData(
    IReadOnlyList<string> Rows,
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<double?>> Values,
    IReadOnlyList<int> ColumnBreaks,
    double Min,
    double Max)
{
    public double? this[int row, int column] => Values[row][column];
}
