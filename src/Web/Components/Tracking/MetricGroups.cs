namespace DigitForge.Web.Components.Tracking;

/// <summary>
/// Which metrics share a chart: the train/test/validation variants of one metric (<c>train/loss</c> and
/// <c>test/loss</c>, <c>train_acc</c> and <c>val_acc</c>) overlay on one chart named by what they measure.
/// </summary>
public static class MetricGroups
{
    private static readonly string[] Splits = ["train", "training", "test", "val", "valid", "validation", "eval"];

    /// <summary>The metric without its split: <c>test/loss</c> → <c>loss</c>; a key with no split stays itself.</summary>
    public static string BaseName(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        foreach (string split in Splits)
        {
            foreach (char separator in "/_.-")
            {
                string prefix = split + separator;
                if (key.Length > prefix.Length && key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    return key[prefix.Length..];
                }

                string suffix = separator + split;
                if (key.Length > suffix.Length && key.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    return key[..^suffix.Length];
                }
            }
        }

        return key;
    }

    /// <summary>
    /// The charts for these keys, in key order: a metric logged under one name keeps that name (so a chart is found
    /// by its key); variants of one metric share the base name.
    /// </summary>
    public static IReadOnlyList<MetricGroup> Group(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return [.. keys
            .Order(StringComparer.Ordinal)
            .GroupBy(BaseName, StringComparer.Ordinal)
            .Select(g => g.Count() == 1 ? new MetricGroup(g.Single(), [g.Single()]) : new MetricGroup(g.Key, [.. g]))
            .OrderBy(g => g.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// TensorBoard's smoothing: an exponential moving average with weight <paramref name="weight"/> (0 = none), debiased
    /// at the start so the first points are not pulled towards zero. Missing values (null) stay missing.
    /// </summary>
    public static IReadOnlyList<double?> Smooth(IReadOnlyList<double?> values, double weight)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (weight <= 0)
        {
            return values;
        }

        weight = Math.Min(weight, 0.999);
        var result = new double?[values.Count];
        double last = 0;
        int seen = 0;
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i] is not { } v)
            {
                continue;
            }

            last = (last * weight) + ((1 - weight) * v);
            seen++;
            result[i] = last / (1 - Math.Pow(weight, seen));
        }

        return result;
    }
}

/// <summary>One chart: its name and the metric keys drawn on it.</summary>
public sealed record MetricGroup(string Name, IReadOnlyList<string> Keys);

/// <summary>One line of a chart.</summary>
public sealed record ChartLine(string Label, long TotalPoints, IReadOnlyList<long> Steps, IReadOnlyList<double?> Values);
