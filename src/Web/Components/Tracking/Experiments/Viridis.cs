using System.Globalization;

namespace DigitForge.Web.Components.Tracking.Experiments;

/// <summary>A viridis-like colour ramp for heatmaps (dark purple low, teal middle, yellow high; grey for no value).</summary>
public static class Viridis
{
    private static readonly (double R, double G, double B)[] Stops = [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)];

    /// <summary>The CSS colour of <paramref name="value"/> on [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static string Css(double? value, double min, double max)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return "#9e9e9e";
        }

        double t = max > min ? Math.Clamp((v - min) / (max - min), 0, 1) : 0.5;
        double position = t * (Stops.Length - 1);
        int i = Math.Min((int)position, Stops.Length - 2);
        double u = position - i;
        var (a, b) = (Stops[i], Stops[i + 1]);
        return string.Create(CultureInfo.InvariantCulture,
            $"rgb({(int)(a.R + ((b.R - a.R) * u))},{(int)(a.G + ((b.G - a.G) * u))},{(int)(a.B + ((b.B - a.B) * u))})");
    }

    /// <summary>Black or white text, whichever reads on the cell.</summary>
    public static string Text(double? value, double min, double max) =>
        value is { } v && max > min && (v - min) / (max - min) > 0.6 ? "#000" : "#fff";
}
