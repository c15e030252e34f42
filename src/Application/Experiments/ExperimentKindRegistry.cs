using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using DigitForge.Application.Common;
using DigitForge.Application.Datasets.Specs;
using DigitForge.Application.Experiments.Kinds;
using DigitForge.Domain.Datasets;

namespace DigitForge.Application.Experiments;

/// <summary>The experiment kinds every front end offers; a kind registered here is launchable from the API, UI and CLI.</summary>
public sealed class ExperimentKindRegistry
{
    private readonly Lock _writeLock = new();
    private volatile IExperimentKind[] _all = [];

    public IReadOnlyList<IExperimentKind> All => _all;

    /// <summary>mnist1d-benchmark, classifier and sweep.</summary>
    public static ExperimentKindRegistry CreateDefault()
    {
        var registry = new ExperimentKindRegistry();
        registry.Register(new Mnist1DBenchmarkKind());
        registry.Register(new ClassifierKind());
        registry.Register(new SweepKind());
        return registry;
    }

    public void Register(IExperimentKind kind)
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

        lock (_writeLock)
        {
            if (_all.Any(k => k.Name == kind.Name))
            {
                throw new ArgumentException($"An experiment kind named '{kind.Name}' is already registered.", nameof(kind));
            }

            _all = [.. _all, kind];
        }
    }

    public bool TryGet(string? name, [NotNullWhen(true)] out IExperimentKind? kind)
    {
        kind = _all.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));
        return kind is not null;
    }

    /// <summary>The kind or a 404.</summary>
    public IExperimentKind Get(string? name) => TryGet(name, out var kind)
        ? kind
        : throw new NotFoundException($"Unknown experiment kind '{name}'. Known: {string.Join(", ", _all.Select(k => k.Name))}.");

    /// <summary>
    /// Binds <paramref name="parameters"/> (a JSON object, or null for all defaults) to <paramref name="kind"/>'s schema
    /// and checks its rules; throws <see cref="RequestValidationException"/> naming every bad <c>parameters.&lt;name&gt;</c>.
    /// </summary>
    public ParameterValues Bind(IExperimentKind kind, JsonElement? parameters, DatasetSpecResolver datasets)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var errors = new List<ValidationError>();
        var values = ParameterBinder.Bind(kind.Name, kind.Parameters, Normalize(kind, parameters), errors);
        if (errors.Count == 0)
        {
            errors.AddRange(kind.Validate(values, new ExperimentServices(datasets, this)));
        }

        return errors.Count > 0 ? throw new RequestValidationException(errors) : values;
    }

    /// <summary>
    /// Text parameters that hold JSON (a dataset spec, a sweep grid) may also be given as the JSON itself, e.g.
    /// <c>"dataset": {"generator": "mnist1d"}</c>: such values become their text.
    /// </summary>
    private static JsonElement? Normalize(IExperimentKind kind, JsonElement? parameters)
    {
        if (parameters is not { ValueKind: JsonValueKind.Object } given
            || !given.EnumerateObject().Any(p => p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array
                                                  && kind.Parameters.Any(d => d.Name == p.Name && d.Kind == ParameterKind.Text)))
        {
            return parameters;
        }

        var result = new System.Text.Json.Nodes.JsonObject();
        foreach (var property in given.EnumerateObject())
        {
            bool text = kind.Parameters.Any(d => d.Name == property.Name && d.Kind == ParameterKind.Text);
            result[property.Name] = text && property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array
                ? System.Text.Json.Nodes.JsonValue.Create(property.Value.GetRawText())
                : System.Text.Json.Nodes.JsonNode.Parse(property.Value.GetRawText());
        }

        using var document = JsonDocument.Parse(result.ToJsonString());
        return document.RootElement.Clone();
    }
}
