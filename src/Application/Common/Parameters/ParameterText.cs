using System.Globalization;
using System.Text.Json;
using DigitForge.Domain.Datasets;

namespace DigitForge.Application.Common.Parameters;

/// <summary>
/// The one reading of text input (query strings, command-line options, form fields) as typed values. Generator and
/// kind parameters are read by their declared schema (<see cref="GeneratorParameter"/>: its kind says how the text
/// reads) into the JSON value a spec holds, which <see cref="ParameterBinder"/> then checks exactly as it checks JSON
/// bodies, so every surface applies the same rules and names the same field. A front end's own control fields (page
/// sizes, ids, seeds, flags) have no schema entry and use the scalar readers, which throw
/// <see cref="RequestValidationException"/> naming the field.
/// </summary>
public static class ParameterText
{
    /// <summary>
    /// <paramref name="text"/> as the JSON value of <paramref name="declared"/>: a number for integer and number
    /// parameters (and a pair for ranges: <c>min,max</c>, <c>[min, max]</c> or <c>(min, max)</c>), true/false for booleans, a string for
    /// choices and text. Text that does not read as the kind stays a string, so the binder refuses it naming the
    /// parameter. Without a declaration (an unknown name, or a schema the caller does not have), numbers and booleans
    /// are recognised as such and anything else stays a string.
    /// </summary>
    public static JsonElement ToJson(GeneratorParameter? declared, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string value = text.Trim();
        return declared?.Kind switch
        {
            ParameterKind.Choice or ParameterKind.Text => JsonSerializer.SerializeToElement(value),
            ParameterKind.Boolean => TryBoolean(value, out bool flag) ? JsonSerializer.SerializeToElement(flag) : JsonSerializer.SerializeToElement(value),
            ParameterKind.Integer or ParameterKind.Number => Number(value) ?? JsonSerializer.SerializeToElement(value),
            ParameterKind.IntegerRange => Range(value) ?? Number(value) ?? JsonSerializer.SerializeToElement(value),
            _ => Number(value) ?? value.ToLowerInvariant() switch
            {
                "true" => JsonSerializer.SerializeToElement(true),
                "false" => JsonSerializer.SerializeToElement(false),
                _ => JsonSerializer.SerializeToElement(value),
            },
        };
    }

    /// <summary>
    /// Text parameters as a JSON object for <paramref name="declared"/> (see <see cref="ToJson(GeneratorParameter?, string)"/>);
    /// names the schema does not declare are kept, for the binder to refuse by name.
    /// </summary>
    public static Dictionary<string, JsonElement> ToJson(IReadOnlyList<GeneratorParameter> declared, IEnumerable<KeyValuePair<string, string>> text)
    {
        ArgumentNullException.ThrowIfNull(declared);
        ArgumentNullException.ThrowIfNull(text);
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, value) in text)
        {
            values[name] = ToJson(declared.FirstOrDefault(p => p.Name == name), value);
        }

        return values;
    }

    /// <summary>
    /// <paramref name="text"/> in its kind's plain form read straight into the carrier type the binder would give for
    /// <see cref="ToJson(GeneratorParameter?, string)"/>'s value: a whole number for an integer, any finite number for
    /// a number, a flag for a boolean, a range (<c>min,max</c>, bracketed, or one whole number), a choice in its
    /// canonical spelling when it is one, trimmed text. False for any other form, which the JSON way handles (and
    /// refuses with its message); bounds and choices are not checked here.
    /// </summary>
    internal static bool TryRead(GeneratorParameter declared, string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out object? value)
    {
        string t = text.Trim();
        value = null;
        switch (declared.Kind)
        {
            case ParameterKind.Integer when long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long whole):
                value = whole;
                return true;
            case ParameterKind.Number when long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long exact):
                value = (double)exact;
                return true;
            case ParameterKind.Number when double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number):
                value = number;
                return true;
            case ParameterKind.Boolean when TryBoolean(t, out bool flag):
                value = flag;
                return true;
            case ParameterKind.Text:
                value = t;
                return true;
            case ParameterKind.Choice:
                value = declared.Choices.FirstOrDefault(c => string.Equals(c, t, StringComparison.OrdinalIgnoreCase)) ?? t;
                return true;
            case ParameterKind.IntegerRange when TryRange(t, out long min, out long max):
                value = new IntegerRange(min, max);
                return true;
            case ParameterKind.IntegerRange when long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long single):
                value = new IntegerRange(single, single);
                return true;
            default:
                return false;
        }
    }

    /// <summary>An optional whole number (blank: null).</summary>
    public static int? OptionalInt32(string field, string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) ? value
        : throw WholeNumber(field, text);

    /// <summary>An optional whole number (blank: null).</summary>
    public static long? OptionalInt64(string field, string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) ? value
        : throw WholeNumber(field, text);

    /// <summary>An optional whole number, 0 or more (blank: null), e.g. a seed.</summary>
    public static ulong? OptionalUInt64(string field, string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : ulong.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out ulong value) ? value
        : throw new RequestValidationException(field, $"Must be a whole number from 0 to {ulong.MaxValue}, got '{text}'.");

    /// <summary>An optional flag: true/false, 1/0, yes/no, on/off (blank: null).</summary>
    public static bool? OptionalBoolean(string field, string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : TryBoolean(text.Trim(), out bool value) ? value
        : throw new RequestValidationException(field, $"Must be true or false, got '{text}'.");

    /// <summary>Ids given repeatedly or comma separated (<c>?id=1&amp;id=2</c>, <c>?id=1,2</c>), each a whole number 0 or more.</summary>
    public static long[] Int64List(string field, IEnumerable<string>? values)
    {
        var ids = new List<long>();
        foreach (string value in (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            ids.Add(long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long id)
                ? id
                : throw new RequestValidationException(field, $"Must be a whole number 0 or more, got '{value}'."));
        }

        return [.. ids];
    }

    private static RequestValidationException WholeNumber(string field, string text) =>
        new(field, $"Must be a whole number, got '{text}'.");

    private static bool TryBoolean(string text, out bool value)
    {
        switch (text.ToLowerInvariant())
        {
            case "true" or "1" or "yes" or "on":
                value = true;
                return true;
            case "false" or "0" or "no" or "off":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    private static JsonElement? Number(string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long whole))
        {
            return JsonSerializer.SerializeToElement(whole);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number)
            ? JsonSerializer.SerializeToElement(number)
            : null;
    }

    private static JsonElement? Range(string text) =>
        TryRange(text, out long min, out long max) ? JsonSerializer.SerializeToElement(new[] { min, max }) : null;

    private static bool TryRange(string text, out long min, out long max)
    {
        // [min, max] as JSON writes it, (min, max) as a Python tuple, or min,max.
        string inner = (text.StartsWith('[') && text.EndsWith(']')) || (text.StartsWith('(') && text.EndsWith(')')) ? text[1..^1] : text;
        string[] parts = inner.Split(',', StringSplitOptions.TrimEntries);
        min = 0;
        max = 0;
        return parts.Length == 2
               && long.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out min)
               && long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out max);
    }
}
