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
            csv.Append(row.Index.ToString(CultureInfo.InvariantCulture)).Append(',');
            if (withNames)
            {
                csv.Append(Quote(row.Name)).Append(',');
            }

            for (int c = 0; c < 6; c++)
            {
                double v = row.Morphometrics[c];
                csv.Append(double.IsNaN(v) ? string.Empty : v.ToString("R", CultureInfo.InvariantCulture));
                csv.Append(c < 5 ? ',' : '\n');
            }
        }

        return csv.ToString();
    }

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
