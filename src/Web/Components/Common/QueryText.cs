using System.Globalization;

namespace DigitForge.Web.Components.Common;

/// <summary>
/// Query values as pages read them: bound as text (a typed <c>[SupplyParameterFromQuery] int?</c> throws on
/// <c>?index=abc</c> and the page answers 500), then parsed here into a value or a message naming the field.
/// </summary>
public static class QueryText
{
    public static int? WholeNumber(string field, string? text, List<string> problems, int minimum = int.MinValue)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
        {
            problems.Add($"{field}: expected a whole number, got '{text}'.");
            return null;
        }

        if (value < minimum)
        {
            problems.Add($"{field}: must be at least {minimum.ToString(CultureInfo.InvariantCulture)}, got {value.ToString(CultureInfo.InvariantCulture)}.");
            return null;
        }

        return value;
    }

    public static long? LongNumber(string field, string? text, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long value))
        {
            problems.Add($"{field}: expected a whole number, got '{text}'.");
            return null;
        }

        return value;
    }

    public static bool Flag(string field, string? text, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "false" or "0" or "no" or "off":
                return false;
            case "true" or "1" or "yes" or "on":
                return true;
            default:
                problems.Add($"{field}: expected true or false, got '{text}'.");
                return false;
        }
    }
}
