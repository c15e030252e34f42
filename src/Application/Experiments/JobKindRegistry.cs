using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using DigitForge.Application.Common;
using DigitForge.Application.Common.Parameters;
using DigitForge.Domain.Datasets;

namespace DigitForge.Application.Experiments;

/// <summary>
/// The experiment kinds every front end offers: every <see cref="IJobKind"/> registered in DI, in registration
/// order. Names and schemas are checked once, when the registry is built.
/// </summary>
public sealed class JobKindRegistry
{
    private readonly IJobKind[] _all;

    public JobKindRegistry(IEnumerable<IJobKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var all = new List<IJobKind>();
        foreach (var kind in kinds)
        {
            Check(kind);
            if (all.Any(k => k.Name == kind.Name))
            {
                throw new ArgumentException($"An experiment kind named '{kind.Name}' is registered twice.", nameof(kinds));
            }

            all.Add(kind);
        }

        _all = [.. all];
    }

    public IReadOnlyList<IJobKind> All => _all;

    private static void Check(IJobKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (string.IsNullOrEmpty(kind.Name) || !char.IsAsciiLetterLower(kind.Name[0]) || !kind.Name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new ArgumentException($"Experiment kind name '{kind.Name}' may only contain lower-case letters, digits and '-'.", nameof(kind));
        }

        if (kind.Parameters.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count() != kind.Parameters.Count
            || kind.DatasetParameters.Any(d => kind.Parameters.FirstOrDefault(p => p.Name == d)?.Kind != ParameterKind.Text))
        {
            throw new ArgumentException($"Experiment kind '{kind.Name}' declares a parameter twice, or a dataset parameter that is not text.", nameof(kind));
        }
    }

    public bool TryGet(string? name, [NotNullWhen(true)] out IJobKind? kind)
    {
        kind = _all.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));
        return kind is not null;
    }

    /// <summary>The kind or a 404.</summary>
    public IJobKind Get(string? name) => TryGet(name, out var kind)
        ? kind
        : throw new NotFoundException($"Unknown experiment kind '{name}'. Known: {string.Join(", ", _all.Select(k => k.Name))}.");

    /// <summary>
    /// Binds <paramref name="parameters"/> (a JSON object, or null for all defaults) to <paramref name="kind"/>'s schema
    /// and checks its rules; throws <see cref="RequestValidationException"/> naming every bad <c>parameters.&lt;name&gt;</c>.
    /// </summary>
    public static ParameterValues Bind(IJobKind kind, JsonElement? parameters)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var errors = new List<ValidationError>();
        var values = ParameterBinder.Bind(kind.Name, kind.Parameters, Normalize(kind, parameters), errors);
        if (errors.Count == 0)
        {
            errors.AddRange(kind.Validate(values));
        }

        return errors.Count > 0 ? throw new RequestValidationException(errors) : values;
    }

    // Objects and arrays (a spec, a grid) and numbers (classes 7 from a command line) given to a text parameter.
    private static bool IsJsonText(JsonElement value) =>
        value.ValueKind is JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.Number;

    /// <summary>
    /// Text parameters that hold JSON (a dataset spec, a sweep grid) may also be given as the JSON itself, e.g.
    /// <c>"dataset": {"generator": "mnist1d"}</c>: such values become their text.
    /// </summary>
    private static JsonElement? Normalize(IJobKind kind, JsonElement? parameters)
    {
        if (parameters is not { ValueKind: JsonValueKind.Object } given
            || !given.EnumerateObject().Any(p => IsJsonText(p.Value) && kind.Parameters.Any(d => d.Name == p.Name && d.Kind == ParameterKind.Text)))
        {
            return parameters;
        }

        var result = new System.Text.Json.Nodes.JsonObject();
        foreach (var property in given.EnumerateObject())
        {
            bool text = kind.Parameters.Any(d => d.Name == property.Name && d.Kind == ParameterKind.Text);
            result[property.Name] = text && IsJsonText(property.Value)
                ? System.Text.Json.Nodes.JsonValue.Create(property.Value.GetRawText())
                : System.Text.Json.Nodes.JsonNode.Parse(property.Value.GetRawText());
        }

        using var document = JsonDocument.Parse(result.ToJsonString());
        return document.RootElement.Clone();
    }
}
