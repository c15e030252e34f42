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
    public static ParameterValues Bind(string owner, IReadOnlyList<GeneratorParameter> declared, JsonElement? parameters, List<ValidationError> errors)
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
                string field = DatasetSpecError.ParameterField(property.Name);
                var parameter = declared.FirstOrDefault(p => p.Name == property.Name);
                if (parameter is null)
                {
                    errors.Add(new ValidationError(field, $"'{owner}' has no parameter '{property.Name}'. Known: {string.Join(", ", declared.Select(p => p.Name))}."));
                    continue;
                }

                if (property.Value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                if (!TryConvert(parameter, property.Value, out object? value, out string? problem) || (problem = parameter.CheckValue(value)) is not null)
                {
                    errors.Add(new ValidationError(field, problem!));
                    continue;
                }

                values[parameter.Name] = value;
            }
        }

        return ParameterValues.WithDefaults(declared, values);
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
                problem = parameter.Kind switch
                {
                    ParameterKind.Integer => $"must be a whole number, got {json.GetRawText()}.",
                    ParameterKind.Number => $"must be a number, got {json.GetRawText()}.",
                    ParameterKind.Boolean => $"must be true or false, got {json.GetRawText()}.",
                    ParameterKind.IntegerRange => $"must be [min, max] (two whole numbers) or one whole number, got {json.GetRawText()}.",
                    _ => $"must be a string, got {json.GetRawText()}.",
                };
                return false;
        }
    }

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
