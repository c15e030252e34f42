using System.Globalization;
using System.Text;
using DigitForge.Domain.Morphology;

namespace DigitForge.Application.Morphology.MeasureMorphometrics;

/// <summary>
/// The published Morpho-MNIST CSV layout (<c>index,area,length,thickness,slant,width,height</c>, pixels and radians),
/// with a <c>name</c> column after the index when the images were uploads. Numbers are round-trip invariant-culture.
/// </summary>
public static class MorphometricsCsv
{
    public static string Write(IReadOnlyList<MeasuredImage> rows, bool withNames)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var csv = new StringBuilder(withNames ? "index,name," : "index,");
        csv.Append(string.Join(',', Morphometrics.ColumnNames)).Append('\n');
        foreach (var row in rows)
        {
            AppendRow(csv, row.Index, withNames ? row.Name : null, row.Morphometrics);
        }

        return csv.ToString();
    }

    /// <summary>The header line (no name column), for writers that append rows themselves.</summary>
    public static string Header => "index," + string.Join(',', Morphometrics.ColumnNames) + "\n";

    /// <summary>One line: index, the name when given, the six values (empty for NaN).</summary>
    public static void AppendRow(StringBuilder csv, long index, string? name, Morphometrics morphometrics)
    {
        ArgumentNullException.ThrowIfNull(csv);
        csv.Append(index.ToString(CultureInfo.InvariantCulture)).Append(',');
        if (name is not null)
        {
            csv.Append(Quote(name)).Append(',');
        }

        for (int c = 0; c < 6; c++)
        {
            double v = morphometrics[c];
            csv.Append(double.IsNaN(v) ? string.Empty : v.ToString("R", CultureInfo.InvariantCulture));
            csv.Append(c < 5 ? ',' : '\n');
        }
    }

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
