using System.Globalization;
using DigitForge.Application.Common;
using DigitForge.Application.Common.Parameters;

namespace DigitForge.Web.Components.Common;

/// <summary>
/// Query values as pages read them: bound as text (a typed <c>[SupplyParameterFromQuery] int?</c> throws on
/// <c>?index=abc</c> and the page answers 500), then read by <see cref="ParameterText"/> (the same reading, and the
/// same message, as the API's and the CLI's) into a value or a message naming the field.
/// </summary>
public static class QueryText
{
    public static int? WholeNumber(string field, string? text, List<string> problems, int minimum = int.MinValue)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (Read(field, () => ParameterText.OptionalInt32(field, text), problems) is not { } value)
        {
            return null;
        }

        if (value < minimum)
        {
            problems.Add($"{field}: must be at least {minimum.ToString(CultureInfo.InvariantCulture)}, got {value.ToString(CultureInfo.InvariantCulture)}.");
            return null;
        }

        return value;
    }

    public static long? LongNumber(string field, string? text, List<string> problems) =>
        Read(field, () => ParameterText.OptionalInt64(field, text), problems);

    public static bool Flag(string field, string? text, List<string> problems) =>
        Read(field, () => ParameterText.OptionalBoolean(field, text), problems) ?? false;

    private static T? Read<T>(string field, Func<T?> read, List<string> problems)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(problems);
        try
        {
            return read();
        }
        catch (RequestValidationException ex)
        {
            // "index: must be a whole number, got 'abc'." (the message reads on from the field's name).
            problems.AddRange(ex.Errors.Select(e => $"{field}: {char.ToLowerInvariant(e.Message[0])}{e.Message[1..]}"));
            return null;
        }
    }
}
