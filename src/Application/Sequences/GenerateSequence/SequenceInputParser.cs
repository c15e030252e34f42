using DigitForge.Application.Common;
using DigitForge.Application.Common.Parameters;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Sequences;

namespace DigitForge.Application.Sequences.GenerateSequence;

/// <summary>
/// Reads the text forms shared by the HTTP query, the CLI and the page ("498127", "0,10", "350", "true", "7") into a
/// request through the one parameter binder (<see cref="ParameterBinder"/> over <see cref="Parameters"/>), collecting
/// every problem under the field name the caller used. Only reading happens here: the sequence rules and the configured
/// limits are <see cref="GenerateSequenceValidator"/>'s, checked once in the pipeline.
/// </summary>
public static class SequenceInputParser
{
    public const string DigitsField = SequenceError.DigitsField;
    public const string SpacingField = SequenceError.SpacingField;
    public const string WidthField = SequenceError.WidthField;
    public const string EvenlyField = "evenly";
    public const string FiltersField = "filters";
    public const string SourceField = "source";
    public const string SeedField = "seed";

    private const string Owner = "sequence";

    /// <summary>
    /// The request's parameters as text surfaces read them. Bounds are those of the carrier types; the seed (any
    /// 64-bit unsigned value) is read by <see cref="ParameterText.OptionalUInt64"/>, as every surface reads seeds.
    /// </summary>
    public static IReadOnlyList<GeneratorParameter> Parameters { get; } =
    [
        GeneratorParameter.Text(DigitsField, string.Empty, "Digits left to right, e.g. 498127."),
        GeneratorParameter.Range(SpacingField, new IntegerRange(0, 0), int.MinValue, int.MaxValue, "Gap range in pixels, min,max or one value (default 0,0)."),
        GeneratorParameter.Integer(WidthField, 0, int.MinValue, int.MaxValue, "Image width in pixels; 0 or none: n*28 + (n-1)*spacing min."),
        GeneratorParameter.Boolean(EvenlyField, false, "Evenly mode: integer digit widths and gaps summing to the width."),
        GeneratorParameter.Text(FiltersField, string.Empty, "Filter chain, e.g. blur or blur:sigma=2,distort:alpha=18."),
        GeneratorParameter.Text(SourceField, string.Empty, "Digit source, e.g. mnist (default) or fashion-mnist."),
    ];

    public static GenerateSequenceRequest Parse(
        string? digits,
        string? spacing,
        string? width,
        string? evenly,
        string? filters,
        string? seed,
        string? source)
    {
        var errors = new List<ValidationError>();
        var values = ParameterBinder.BindText(
            Owner,
            Parameters,
            [new(DigitsField, digits), new(SpacingField, spacing), new(WidthField, width), new(EvenlyField, evenly), new(FiltersField, filters), new(SourceField, source)],
            errors,
            ParameterBinder.BareField);
        var digitList = ParseDigits(values.GetString(DigitsField), errors);
        ulong? parsedSeed = ParseSeed(seed, errors);
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var range = values.GetRange(SpacingField);
        int parsedWidth = values.GetInt32(WidthField);
        string text = values.GetString(FiltersField);
        string origin = values.GetString(SourceField).Trim();
        return new GenerateSequenceRequest(
            digitList,
            checked((int)range.Min),
            checked((int)range.Max),
            parsedWidth == 0 ? null : parsedWidth,
            values.GetBoolean(EvenlyField),
            string.IsNullOrEmpty(text) ? null : text,
            parsedSeed,
            origin.Length == 0 ? null : origin);
    }

    private static int[] ParseDigits(string text, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new ValidationError(DigitsField, "Give at least one digit, e.g. digits=498127."));
            return [];
        }

        if (!SequenceRules.TryParseDigits(text, out int[]? digits, out string? error))
        {
            errors.Add(new ValidationError(DigitsField, error));
            return [];
        }

        return digits;
    }

    private static ulong? ParseSeed(string? text, List<ValidationError> errors)
    {
        try
        {
            return ParameterText.OptionalUInt64(SeedField, text);
        }
        catch (RequestValidationException ex)
        {
            errors.AddRange(ex.Errors);
            return null;
        }
    }
}
