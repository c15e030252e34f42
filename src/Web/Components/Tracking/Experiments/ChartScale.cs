using System.Globalization;

namespace DigitForge.Web.Components.Tracking.Experiments;

/// <summary>A linear map from data values to SVG pixels, with round tick values for the axis.</summary>
public sealed record ChartScale(double Min, double Max, double From, double To)
{
    /// <summary>A scale over the values' range (a flat or empty range is widened so it never divides by zero).</summary>
    public static ChartScale Over(IEnumerable<double> values, double from, double to, double padding = 0.05)
    {
        ArgumentNullException.ThrowIfNull(values);
        var finite = values.Where(double.IsFinite).ToList();
        double min = finite.Count == 0 ? 0 : finite.Min();
        double max = finite.Count == 0 ? 1 : finite.Max();
        if (max - min < 1e-12)
        {
            min -= 0.5;
            max += 0.5;
        }

        double pad = (max - min) * padding;
        return new ChartScale(min - pad, max + pad, from, to);
    }

    public double Map(double value) => From + ((value - Min) / (Max - Min) * (To - From));

    /// <summary>About <paramref name="count"/> ticks at 1, 2 or 5 × a power of ten inside the range.</summary>
    public IReadOnlyList<double> Ticks(int count = 5)
    {
        double span = Max - Min;
        double raw = span / Math.Max(1, count);
        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = power * (raw / power) switch { < 1.5 => 1, < 3.5 => 2, < 7.5 => 5, _ => 10 };
        var ticks = new List<double>();
        for (double t = Math.Ceiling(Min / step) * step; t <= Max + (step * 1e-9); t += step)
        {
            ticks.Add(Math.Round(t / step) * step);
        }

        return ticks;
    }

    /// <summary>A tick label with as few decimals as the step needs.</summary>
    public static string Label(double value) => Math.Abs(value) >= 100 || value == Math.Floor(value)
        ? value.ToString("0", CultureInfo.InvariantCulture)
        : value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>An SVG coordinate, invariant and short.</summary>
    public static string Px(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
