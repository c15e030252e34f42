using System.Globalization;
using DigitForge.Application.Datasets.Specs;
using DigitForge.Application.Experiments;
using DigitForge.Domain.Datasets;

namespace DigitForge.Application.Jobs.SubmitJob;

/// <summary>
/// The name of a launched run when none is given: the kind and the parameters that differ from its defaults
/// (<c>classifier model=cnn epochs=6</c>), so five runs of one kind are told apart in tables and chart legends.
/// Dataset parameters show their generator (<c>dataset=mnist1d</c>); long values are cut.
/// </summary>
public static class DefaultRunName
{
    private const int MaxParameters = 4;
    private const int MaxValueLength = 24;

    public static string For(IJobKind kind, ParameterValues values)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(values);
        var parts = new List<string> { kind.Name };
        foreach (var parameter in kind.Parameters)
        {
            object value;
            try
            {
                value = values[parameter.Name];
            }
            catch (KeyNotFoundException)
            {
                continue;
            }

            if (Equals(Text(value), Text(parameter.Default)))
            {
                continue;
            }

            string text = kind.DatasetParameters.Contains(parameter.Name) ? Generator(Text(value)) : Text(value);
            parts.Add($"{parameter.Name}={(text.Length > MaxValueLength ? text[..(MaxValueLength - 1)] + "…" : text)}");
            if (parts.Count > MaxParameters)
            {
                break;
            }
        }

        return string.Join(' ', parts);
    }

    private static string Text(object value) => value switch
    {
        double d => CanonicalSpec.FormatNumber(d),
        bool b => b ? "true" : "false",
        IntegerRange r => string.Create(CultureInfo.InvariantCulture, $"[{r.Min},{r.Max}]"),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>A dataset spec's generator name, or the text itself when it is not a JSON spec (an id).</summary>
    private static string Generator(string spec)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(spec);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && document.RootElement.TryGetProperty("generator", out var g)
                ? g.ToString()
                : spec;
        }
        catch (System.Text.Json.JsonException)
        {
            return spec;
        }
    }
}
