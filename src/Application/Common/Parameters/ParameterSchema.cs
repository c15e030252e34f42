using DigitForge.Application.Datasets.ListGenerators;
using DigitForge.Domain.Datasets;

namespace DigitForge.Application.Common.Parameters;

/// <summary>
/// A schema as the listing use cases describe it (<see cref="ParameterInfo"/>: what <c>GET /api/generators</c> and
/// <c>GET /api/kinds</c> answer) back as <see cref="GeneratorParameter"/>s, so a front end that received a schema through
/// the mediator (the launch and dataset forms, <c>experiment run --&lt;name&gt;</c>) reads its text with
/// <see cref="ParameterText"/> and checks it with <see cref="ParameterBinder"/>: the same rules and messages as the use case.
/// </summary>
public static class ParameterSchema
{
    public static IReadOnlyList<GeneratorParameter> From(IEnumerable<ParameterInfo> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return [.. parameters.Select(From)];
    }

    public static GeneratorParameter From(ParameterInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return info.Type switch
        {
            "integer" => GeneratorParameter.Integer(info.Name, Convert.ToInt64(info.Default, System.Globalization.CultureInfo.InvariantCulture), Whole(info.Minimum, long.MinValue), Whole(info.Maximum, long.MaxValue), info.Description),
            "number" => GeneratorParameter.Number(info.Name, Convert.ToDouble(info.Default, System.Globalization.CultureInfo.InvariantCulture), info.Minimum ?? double.MinValue, info.Maximum ?? double.MaxValue, info.Description),
            "boolean" => GeneratorParameter.Boolean(info.Name, info.Default is true, info.Description),
            "integer-range" when info.Default is long[] { Length: 2 } pair =>
                GeneratorParameter.Range(info.Name, new IntegerRange(pair[0], pair[1]), Whole(info.Minimum, long.MinValue), Whole(info.Maximum, long.MaxValue), info.Description),
            _ when info.Choices is { Count: > 0 } choices => GeneratorParameter.Choice(info.Name, info.Default as string ?? choices[0], choices, info.Description),
            _ => GeneratorParameter.Text(info.Name, info.Default as string ?? string.Empty, info.Description),
        };
    }

    // A bound as a long; the far ends of the double range stay the far ends (a cast would wrap).
    private static long Whole(double? bound, long unbounded) => bound switch
    {
        null => unbounded,
        >= 9.2233720368547758E18 => long.MaxValue,
        <= -9.2233720368547758E18 => long.MinValue,
        { } value => (long)value,
    };
}
