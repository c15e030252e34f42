using System.Globalization;
using System.Text.Json;
using DigitForge.Application.Common;
using DigitForge.Domain.Datasets;

namespace DigitForge.Application.Common.Parameters;

/// <summary>
/// The one binder of parameters to their declared schema (<see cref="GeneratorParameter"/>s: a generator's or a kind's):
/// turns a <c>parameters</c> object into <see cref="ParameterValues"/>, each value checked against its declared kind
/// and bounds, unknown names rejected, missing (or null) ones defaulted. Errors name <c>parameters.&lt;name&gt;</c>.
/// JSON bodies come here as they are; text (query strings, command-line options, form fields) is first read by the same
/// schema with <see cref="ParameterText"/>, so every surface has the same rules and messages.
/// </summary>
public static class ParameterBinder
{
    public static ParameterValues Bind(IDatasetGenerator generator, JsonElement? parameters, List<ValidationError> errors) =>
        Bind(generator.Name, generator.Parameters, parameters, errors);

    /// <summary>The same binding for any declared parameter list (experiment kinds use the generators' schema style).</summary>
    public static ParameterValues Bind(string owner, IReadOnlyList<GeneratorParameter> declared, JsonElement? parameters, List<ValidationError> errors) =>
        Bind(owner, declared, parameters, errors, DatasetSpecError.ParameterField);

    /// <summary>
    /// Text values (a query string, command-line options, form fields) bound by the same rules as JSON: each is read
    /// by its declared kind (<see cref="ParameterText.ToJson(GeneratorParameter?, string)"/>) and then checked exactly
    /// as a JSON value is. Blank text means the default. <paramref name="field"/> names a parameter in errors; surfaces
    /// whose public contract names bare fields (<c>/sequence</c>'s <c>spacing</c>, MNIST-1D's <c>num_samples</c>) pass
    /// <see cref="BareField"/>.
    /// </summary>
    public static ParameterValues BindText(
        string owner,
        IReadOnlyList<GeneratorParameter> declared,
        IEnumerable<KeyValuePair<string, string?>> text,
        List<ValidationError> errors,
        Func<string, string>? field = null)
    {
        ArgumentNullException.ThrowIfNull(declared);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(errors);
        field ??= DatasetSpecError.ParameterField;
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, value) in text)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            var parameter = Declared(declared, name);
            if (parameter is null)
            {
                errors.Add(new ValidationError(field(name), Unknown(owner, name, declared)));
                continue;
            }

            // Text in the kind's plain form is read straight into its carrier type (what the JSON value it reads as
            // would convert to; GET /sequence binds on every request); anything else goes the JSON way, which gives
            // the same value or the same message.
            if (ParameterText.TryRead(parameter, value, out object? read))
            {
                string? problem = parameter.CheckValue(read);
                if (problem is null)
                {
                    values[parameter.Name] = read;
                }
                else
                {
                    errors.Add(new ValidationError(field(name), problem));
                }

                continue;
            }

            BindValue(parameter, ParameterText.ToJson(parameter, value), field(name), errors, values);
        }

        return ParameterValues.WithDefaults(declared, values);
    }

    /// <summary>A parameter's own name as its field (no <c>parameters.</c> prefix).</summary>
    public static string BareField(string name) => name;

    private static ParameterValues Bind(string owner, IReadOnlyList<GeneratorParameter> declared, JsonElement? parameters, List<ValidationError> errors, Func<string, string> field)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        if (parameters is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } given)
        {
            if (given.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new ValidationError("parameters", "must be an object of parameter names and values."));
                return ParameterValues.WithDefaults(declared);
            }

            foreach (var property in given.EnumerateObject())
            {
                var parameter = Declared(declared, property.Name);
                if (parameter is null)
                {
                    errors.Add(new ValidationError(field(property.Name), Unknown(owner, property.Name, declared)));
                    continue;
                }

                if (property.Value.ValueKind != JsonValueKind.Null)
                {
                    BindValue(parameter, property.Value, field(property.Name), errors, values);
                }
            }
        }

        return ParameterValues.WithDefaults(declared, values);
    }

    private static GeneratorParameter? Declared(IReadOnlyList<GeneratorParameter> declared, string name)
    {
        for (int i = 0; i < declared.Count; i++)
        {
            if (declared[i].Name == name)
            {
                return declared[i];
            }
        }

        return null;
    }

    private static string Unknown(string owner, string name, IReadOnlyList<GeneratorParameter> declared) =>
        $"'{owner}' has no parameter '{name}'. Known: {string.Join(", ", declared.Select(p => p.Name))}.";

    /// <summary>One value: converted to its kind's carrier type and checked against its bounds or choices.</summary>
    private static void BindValue(GeneratorParameter parameter, JsonElement json, string field, List<ValidationError> errors, Dictionary<string, object> values)
    {
        if (!TryConvert(parameter, json, out object? value, out string? problem) || (problem = parameter.CheckValue(value)) is not null)
        {
            errors.Add(new ValidationError(field, problem!));
            return;
        }

        values[parameter.Name] = value;
    }

    private static bool TryConvert(GeneratorParameter parameter, JsonElement json, out object value, out string? problem)
    {
        value = parameter.Default;
        problem = null;
        switch (parameter.Kind)
        {
            case ParameterKind.Integer when TryInteger(json, out long l):
                value = l;
                return true;
            case ParameterKind.Number when json.ValueKind == JsonValueKind.Number:
                value = json.GetDouble();
                return true;
            case ParameterKind.Boolean when json.ValueKind is JsonValueKind.True or JsonValueKind.False:
                value = json.GetBoolean();
                return true;
            case ParameterKind.Choice when json.ValueKind == JsonValueKind.String:
                string text = json.GetString()!.Trim();
                value = parameter.Choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase)) ?? text;
                return true;
            case ParameterKind.Text when json.ValueKind == JsonValueKind.String:
                value = json.GetString()!;
                return true;
            case ParameterKind.IntegerRange when TryInteger(json, out long single):
                value = new IntegerRange(single, single);
                return true;
            case ParameterKind.IntegerRange when json.ValueKind == JsonValueKind.Array && json.GetArrayLength() == 2
                                                 && TryInteger(json[0], out long min) && TryInteger(json[1], out long max):
                value = new IntegerRange(min, max);
                return true;
            default:
                string given = Shown(json);
                problem = parameter.Kind switch
                {
                    ParameterKind.Integer => $"must be a whole number, got {given}.",
                    ParameterKind.Number => $"must be a number, got {given}.",
                    ParameterKind.Boolean => $"must be true or false, got {given}.",
                    ParameterKind.IntegerRange => $"must be [min, max] (two whole numbers) or one whole number, got {given}.",
                    _ => $"must be a string, got {given}.",
                };
                return false;
        }
    }

    /// <summary>A value as a message quotes it: text in single quotes, as typed (so text surfaces read naturally), else its JSON.</summary>
    private static string Shown(JsonElement json) =>
        json.ValueKind == JsonValueKind.String ? $"'{json.GetString()}'" : json.GetRawText();

    /// <summary>A JSON number with a whole value (5 and 5.0 both count), in the range of <see cref="long"/>.</summary>
    internal static bool TryInteger(JsonElement json, out long value)
    {
        value = 0;
        if (json.ValueKind != JsonValueKind.Number)
        {
            return false;
        }

        if (json.TryGetInt64(out value))
        {
            return true;
        }

        return double.TryParse(json.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d)
               && Math.Floor(d) == d && d >= long.MinValue && d < long.MaxValue
               && (value = (long)d) == d;
    }
}
