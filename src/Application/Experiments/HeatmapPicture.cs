namespace DigitForge.Application.Experiments;

/// <summary>
/// A heatmap a kind has rasterised itself (RGB, row-major, channels last) that <see cref="IExperimentCharts.Heatmap"/>
/// frames with text: the title above, <paramref name="RowLabels"/> left of the rows they name (y in the raster's
/// pixels), and a colour bar of <paramref name="Ramp"/> (0..1) labelled <paramref name="Low"/> to <paramref name="High"/>.
/// Optional: <paramref name="ColumnLabels"/> under the columns they name (x in the raster's pixels; '\n' starts a
/// further line below, e.g. a facet group's name under its middle column) and
/// <paramref name="Headings"/>, left-aligned over the raster just above the row they head (a facet panel's name).
/// </summary>
public sealed record HeatmapPicture(
    string Title,
    int Height,
    int Width,
    byte[] Pixels,
    IReadOnlyList<(int Y, string Label)> RowLabels,
    Func<double, (byte R, byte G, byte B)> Ramp,
    string Low,
    string High,
    int Scale = 1,
    IReadOnlyList<(int X, string Label)>? ColumnLabels = null,
    IReadOnlyList<(int Y, string Label)>? Headings = null);
