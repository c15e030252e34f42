using System.Globalization;
using DigitForge.Application.Common;
using DigitForge.Application.Common.Parameters;
using DigitForge.Application.Datasets.ListGenerators;
using DigitForge.Domain.Datasets;

namespace DigitForge.Web.Components.Forms;

/// <summary>
/// The values of a form built from a parameter schema (a generator's or an experiment kind's), held as the text the
/// person typed: checked before submit against the schema (type, bounds, ranges), turned into the JSON parameters the
/// use case takes, and given the use case's own errors back by field name (<c>parameters.x</c>) so they show inline.
/// </summary>
public sealed class SchemaFormModel
{
    /// <summary>The prefix of the use cases' field names for parameters (<c>DatasetSpecError.ParameterField</c>).</summary>
    public const string ParameterPrefix = "parameters.";

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);
    private readonly List<ValidationError> _otherErrors = [];

    private readonly IReadOnlyList<GeneratorParameter> _schema;

    public SchemaFormModel(IReadOnlyList<ParameterInfo> parameters)
    {
        Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        _schema = ParameterSchema.From(parameters);
        Reset();
    }

    public IReadOnlyList<ParameterInfo> Parameters { get; }

    /// <summary>Errors that belong to no field of this form (the use case's other fields, data sources, keys).</summary>
    public IReadOnlyList<ValidationError> OtherErrors => _otherErrors;

    public bool HasErrors => _errors.Count > 0 || _otherErrors.Count > 0;

    /// <summary>Every value back to the schema's default.</summary>
    public void Reset()
    {
        _values.Clear();
        foreach (var p in Parameters)
        {
            if (p.Type == "integer-range")
            {
                _values[p.Name + ".min"] = p.Default is long[] pair ? Text(pair[0]) : string.Empty;
                _values[p.Name + ".max"] = p.Default is long[] pair2 ? Text(pair2[1]) : string.Empty;
            }
            else
            {
                _values[p.Name] = Text(p.Default);
            }
        }

        ClearErrors();
    }

    /// <summary>The text of <paramref name="key"/> (a parameter name, or <c>name.min</c>/<c>name.max</c> of a range).</summary>
    public string Get(string key) => _values.GetValueOrDefault(key, string.Empty);

    /// <summary>Sets a value and forgets the error shown for its parameter (it is checked again on submit).</summary>
    public void Set(string key, string? value)
    {
        _values[key] = value ?? string.Empty;
        int dot = key.IndexOf('.', StringComparison.Ordinal);
        _errors.Remove(dot < 0 ? key : key[..dot]);
    }

    /// <summary>Sets values by parameter name (a preset), ignoring names this schema does not have.</summary>
    public void Apply(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var (key, value) in values)
        {
            var parameter = Parameters.FirstOrDefault(p => p.Name == key);
            if (parameter?.Type == "integer-range")
            {
                // A range as JSON ([36, 60]) fills both of its fields.
                string[] ends = value.Trim('[', ']', ' ').Split(',', StringSplitOptions.TrimEntries);
                if (ends.Length == 2)
                {
                    Set(key + ".min", ends[0]);
                    Set(key + ".max", ends[1]);
                }
            }
            else if (parameter is not null)
            {
                Set(key, value);
            }
        }
    }

    public string? Error(string parameter) => _errors.GetValueOrDefault(parameter);

    public void ClearErrors()
    {
        _errors.Clear();
        _otherErrors.Clear();
    }

    /// <summary>
    /// Checks every value against the schema with the use cases' own binder (<see cref="ParameterBinder"/>: the same
    /// rules and messages as the API and the CLI); true when all pass. Errors are kept per parameter.
    /// </summary>
    public bool Validate()
    {
        ClearErrors();
        var errors = new List<ValidationError>();
        ParameterBinder.BindText("form", _schema, Parameters.Select(p => KeyValuePair.Create(p.Name, (string?)TextOf(p))), errors, ParameterBinder.BareField);
        foreach (var error in errors)
        {
            _errors[error.Field] = _errors.TryGetValue(error.Field, out string? earlier) ? $"{earlier} {error.Message}" : error.Message;
        }

        return _errors.Count == 0;
    }

    // A range's two fields as min,max (both blank stays "," so it is refused, not defaulted: both ends are required).
    private string TextOf(ParameterInfo p) => p.Type == "integer-range" ? $"{Get(p.Name + ".min").Trim()},{Get(p.Name + ".max").Trim()}" : Get(p.Name);

    /// <summary>
    /// The use case's errors: those naming a parameter of this form (<c>parameters.x</c>, or <c>x</c>) show at its field;
    /// the rest are listed with the form.
    /// </summary>
    public void ShowServerErrors(IEnumerable<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var error in errors)
        {
            string field = error.Field.StartsWith(ParameterPrefix, StringComparison.Ordinal) ? error.Field[ParameterPrefix.Length..] : error.Field;
            // A dataset parameter's own fields (parameters.dataset.splits.train) show at the dataset parameter.
            var owner = Parameters.FirstOrDefault(p => p.Name == field || field.StartsWith(p.Name + ".", StringComparison.Ordinal));
            if (owner is not null)
            {
                string message = owner.Name == field ? error.Message : $"{field[(owner.Name.Length + 1)..]}: {error.Message}";
                _errors[owner.Name] = _errors.TryGetValue(owner.Name, out string? earlier) ? $"{earlier} {message}" : message;
            }
            else
            {
                _otherErrors.Add(error);
            }
        }
    }

    /// <summary>The values as the use case's <c>parameters</c> object. Numbers that do not parse go on as text, so the use case names the field.</summary>
    public Dictionary<string, object?> ToParameters()
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in Parameters)
        {
            switch (p.Type)
            {
                case "boolean":
                    parameters[p.Name] = Get(p.Name) == "true";
                    break;
                case "integer-range":
                    parameters[p.Name] = new[] { Number(Get(p.Name + ".min")), Number(Get(p.Name + ".max")) };
                    break;
                case "integer" or "number":
                    if (!string.IsNullOrWhiteSpace(Get(p.Name)))
                    {
                        parameters[p.Name] = Number(Get(p.Name));
                    }

                    break;
                default:
                    parameters[p.Name] = Get(p.Name);
                    break;
            }
        }

        return parameters;
    }

    /// <summary>The bounds as a hint (<c>1..100</c>), or empty.</summary>
    public static string Hint(ParameterInfo p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return p.Minimum is { } min && p.Maximum is { } max ? string.Create(CultureInfo.InvariantCulture, $"{min}..{max}")
            : p.Minimum is { } low ? string.Create(CultureInfo.InvariantCulture, $"≥ {low}")
            : p.Maximum is { } high ? string.Create(CultureInfo.InvariantCulture, $"≤ {high}")
            : string.Empty;
    }

    /// <summary>A default value as the form shows it.</summary>
    public static string Text(object? value) => value switch
    {
        null => string.Empty,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static object Number(string text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l) ? l
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d
        : text;
}
