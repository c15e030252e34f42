using System.Globalization;
using System.Text.Json;
using DigitForge.Application.Common;
using DigitForge.Application.Datasets.ListGenerators;

namespace DigitForge.Web.Components.Forms;

/// <summary>
/// The create-dataset form: the generator's parameters (<see cref="SchemaFormModel"/>), the rows of each split and the
/// seed, checked before submit and turned into the same spec <c>POST /api/datasets</c> takes.
/// </summary>
public sealed class DatasetFormModel
{
    private readonly Dictionary<string, string> _splits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);

    public DatasetFormModel(GeneratorInfo generator)
    {
        Generator = generator ?? throw new ArgumentNullException(nameof(generator));
        Parameters = new SchemaFormModel(generator.Parameters);
        foreach (string split in generator.SplitNames)
        {
            _splits[split] = generator.DefaultSplits.TryGetValue(split, out int rows) ? rows.ToString(CultureInfo.InvariantCulture) : "0";
        }

        Seed = generator.DefaultSeed.ToString(CultureInfo.InvariantCulture);
    }

    public GeneratorInfo Generator { get; }

    public SchemaFormModel Parameters { get; }

    public string Seed { get; set; }

    public string Split(string name) => _splits.GetValueOrDefault(name, string.Empty);

    public void SetSplit(string name, string? rows)
    {
        _splits[name] = rows ?? string.Empty;
        _errors.Remove("splits." + name);
    }

    /// <summary>The error of <c>seed</c> or <c>splits.NAME</c>, as the use case names them.</summary>
    public string? Error(string field) => _errors.GetValueOrDefault(field);

    public bool Validate()
    {
        bool parameters = Parameters.Validate();
        _errors.Clear();
        foreach (var (split, text) in _splits)
        {
            if (!string.IsNullOrWhiteSpace(text) && (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int rows) || rows < 0))
            {
                _errors["splits." + split] = $"Expected a whole number of rows (0 or more), got '{text}'.";
            }
        }

        if (!string.IsNullOrWhiteSpace(Seed) && (!ulong.TryParse(Seed.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong seed) || seed > Generator.MaxSeed))
        {
            _errors["seed"] = string.Create(CultureInfo.InvariantCulture, $"Expected a whole number from 0 to {Generator.MaxSeed}, got '{Seed}'.");
        }

        return parameters && _errors.Count == 0;
    }

    /// <summary>The use case's errors: splits and seed at their fields, parameters at theirs, the rest with the form.</summary>
    public void ShowServerErrors(IReadOnlyList<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        _errors.Clear();
        Parameters.ClearErrors();
        var rest = new List<ValidationError>();
        foreach (var error in errors)
        {
            if (error.Field == "seed" || (error.Field.StartsWith("splits.", StringComparison.Ordinal) && _splits.ContainsKey(error.Field["splits.".Length..])))
            {
                _errors[error.Field] = error.Message;
            }
            else
            {
                rest.Add(error);
            }
        }

        Parameters.ShowServerErrors(rest);
    }

    /// <summary>
    /// The spec. Untouched split sizes are left out, so a generator whose sizes follow its parameters (spirals:
    /// clusters x points_per_cluster) picks them itself; for the others the defaults are the same either way.
    /// </summary>
    public JsonElement ToSpec()
    {
        var spec = new Dictionary<string, object?> { ["generator"] = Generator.Name, ["parameters"] = Parameters.ToParameters() };
        bool untouched = _splits.All(s => s.Value == (Generator.DefaultSplits.TryGetValue(s.Key, out int d) ? d.ToString(CultureInfo.InvariantCulture) : "0"));
        if (!untouched)
        {
            spec["splits"] = _splits.Where(s => !string.IsNullOrWhiteSpace(s.Value))
                .ToDictionary(s => s.Key, s => int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int rows) ? (object)rows : s.Value);
        }

        if (!string.IsNullOrWhiteSpace(Seed))
        {
            spec["seed"] = ulong.TryParse(Seed.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong seed) ? seed : Seed;
        }

        return JsonSerializer.SerializeToElement(spec);
    }
}
