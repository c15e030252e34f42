using System.Globalization;

namespace DigitForge.Application.Experiments.Gasten;

/// <summary>The reference's comma lists (<c>--nf 1,2,4</c>, weights <c>0,mgda,25</c>); parse errors say what is wrong.</summary>
public static class GastenLists
{
    public const string Mgda = "mgda";

    /// <summary>MGDA on gradients first divided by loss × L2 norm (the reference's <c>mgda:norm</c>).</summary>
    public const string MgdaNorm = "mgda:norm";

    /// <summary>Whether a canonical weight is one of the MGDA modes (scales logged, no constant α).</summary>
    public static bool IsMgda(string? weight) => weight is Mgda or MgdaNorm;

    /// <summary>Non-empty list of integers in [min, max]; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static IReadOnlyList<int> Integers(string text, int min, int max)
    {
        var items = Split(text);
        var values = new List<int>();
        foreach (string item in items)
        {
            if (!int.TryParse(item, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) || v < min || v > max)
            {
                throw new ArgumentException($"'{item}' is not an integer from {min} to {max}.");
            }

            if (!values.Contains(v))
            {
                values.Add(v);
            }
        }

        return values;
    }

    /// <summary>Non-empty list of non-negative constant weights α, <c>mgda</c> or <c>mgda:norm</c>, as their canonical text.</summary>
    public static IReadOnlyList<string> Weights(string text)
    {
        var values = new List<string>();
        foreach (string item in Split(text))
        {
            string value;
            if (string.Equals(item, Mgda, StringComparison.OrdinalIgnoreCase))
            {
                value = Mgda;
            }
            else if (string.Equals(item, MgdaNorm, StringComparison.OrdinalIgnoreCase))
            {
                value = MgdaNorm;
            }
            else if (double.TryParse(item, NumberStyles.Float, CultureInfo.InvariantCulture, out double w) && double.IsFinite(w))
            {
                if (w < 0)
                {
                    throw new ArgumentException($"α = {item} is negative; the confusion-distance weight must be 0 or more (or mgda).");
                }

                value = w.ToString("R", CultureInfo.InvariantCulture);
            }
            else
            {
                throw new ArgumentException($"'{item}' is neither a number, mgda nor mgda:norm.");
            }

            if (!values.Contains(value))
            {
                values.Add(value);
            }
        }

        return values;
    }

    /// <summary>Non-empty list of words from <paramref name="allowed"/>.</summary>
    public static IReadOnlyList<string> Words(string text, IReadOnlyList<string> allowed)
    {
        var values = new List<string>();
        foreach (string item in Split(text))
        {
            string value = item.ToLowerInvariant();
            if (!allowed.Contains(value))
            {
                throw new ArgumentException($"'{item}' is not one of {string.Join(", ", allowed)}.");
            }

            if (!values.Contains(value))
            {
                values.Add(value);
            }
        }

        return values;
    }

    private static string[] Split(string text)
    {
        string[] items = (text ?? string.Empty).Trim().Trim('[', ']').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return items.Length == 0 ? throw new ArgumentException("The list is empty; give at least one value.") : items;
    }
}
