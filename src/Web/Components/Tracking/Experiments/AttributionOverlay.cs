using System.Globalization;

namespace DigitForge.Web.Components.Tracking.Experiments;

/// <summary>One coloured pixel of an attribution overlay: its position, colour and opacity.</summary>
public sealed record OverlayCell(int X, int Y, string Colour, double Opacity);

/// <summary>
/// An attribution map (saliency |∂C/∂x| or integrated gradients) as overlay cells over the prototype image: saliency
/// red, scaled to its own maximum; integrated gradients red for positive and blue for negative, scaled to the
/// largest magnitude. Cells below <see cref="Floor"/> of the scale are left out so the image shows through.
/// </summary>
public static class AttributionOverlay
{
    public const double Floor = 0.05;

    public static IReadOnlyList<OverlayCell> Cells(ReadOnlySpan<float> map, int size, bool diverging)
    {
        double scale = 0;
        foreach (float v in map)
        {
            scale = Math.Max(scale, Math.Abs(v));
        }

        var cells = new List<OverlayCell>();
        if (scale <= 0 || !double.IsFinite(scale))
        {
            return cells;
        }

        for (int i = 0; i < map.Length && i < size * size; i++)
        {
            double t = map[i] / scale;
            if (Math.Abs(t) < Floor || double.IsNaN(t))
            {
                continue;
            }

            string colour = diverging && t < 0 ? "#1565c0" : "#e53935";
            cells.Add(new OverlayCell(i % size, i / size, colour, Math.Round(Math.Min(1, Math.Abs(t)) * 0.85, 3)));
        }

        return cells;
    }

    public static string Opacity(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
