using System.Text.Json;
using System.Text.Json.Nodes;
using DigitForge.Domain.Randomness;

namespace DigitForge.Application.Experiments.Kinds;

/// <summary>
/// The points of a sweep: the cartesian product of the grid's value lists (in the grid's key order, last key
/// fastest), or for random search a seeded sample of that product without repeats. Pure: the same grid, mode,
/// count and seed give the same points.
/// </summary>
public static class SweepPlan
{
    public const string DatasetPrefix = "dataset.";

    /// <summary>Parses <c>{"name": [v1, v2, ...], ...}</c>; throws <see cref="ArgumentException"/> saying what is wrong.</summary>
    public static List<KeyValuePair<string, JsonArray>> ParseGrid(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The grid is not valid JSON: {ex.Message}", nameof(json), ex);
        }

        if (node is not JsonObject grid || grid.Count == 0)
        {
            throw new ArgumentException("The grid is a JSON object of parameter names and value lists, e.g. {\"lr\": [0.001, 0.01]}.", nameof(json));
        }

        var axes = new List<KeyValuePair<string, JsonArray>>();
        foreach (var (name, values) in grid)
        {
            if (values is not JsonArray list || list.Count == 0)
            {
                throw new ArgumentException($"'{name}' needs a non-empty list of values.", nameof(json));
            }

            axes.Add(new(name, list));
        }

        return axes;
    }

    public static long Size(IReadOnlyList<KeyValuePair<string, JsonArray>> axes)
    {
        ArgumentNullException.ThrowIfNull(axes);
        long size = 1;
        foreach (var axis in axes)
        {
            size = Math.Min(long.MaxValue / Math.Max(axis.Value.Count, 1), size) * axis.Value.Count;
        }

        return size;
    }

    /// <summary>The points to run: all of the grid, or <paramref name="samples"/> of them drawn with <paramref name="seed"/>.</summary>
    public static IReadOnlyList<SweepPoint> Points(IReadOnlyList<KeyValuePair<string, JsonArray>> axes, bool random, int samples, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(axes);
        int size = checked((int)Size(axes));
        int[] order = [.. Enumerable.Range(0, size)];
        if (random)
        {
            var rng = KeyedRandom.For(seed);
            for (int i = size - 1; i > 0; i--)
            {
                int j = rng.NextInt(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }

            order = [.. order.Take(Math.Min(samples, size))];
        }

        var points = new List<SweepPoint>(order.Length);
        foreach (int flat in order)
        {
            var values = new KeyValuePair<string, JsonNode?>[axes.Count];
            int rest = flat;
            for (int a = axes.Count - 1; a >= 0; a--)
            {
                var list = axes[a].Value;
                values[a] = new(axes[a].Key, list[rest % list.Count]?.DeepClone());
                rest /= list.Count;
            }

            points.Add(new SweepPoint(points.Count, values));
        }

        return points;
    }

    /// <summary>
    /// The inner kind's parameters for a point: <paramref name="baseJson"/> with the point's values set, and values
    /// named <c>dataset.&lt;p&gt;</c> set in the parameters of the spec held by <paramref name="datasetParameter"/>.
    /// </summary>
    public static JsonObject Apply(JsonObject baseParameters, SweepPoint point, string? datasetParameter, string defaultDataset)
    {
        ArgumentNullException.ThrowIfNull(baseParameters);
        ArgumentNullException.ThrowIfNull(point);
        var result = (JsonObject)baseParameters.DeepClone();
        foreach (var (name, value) in point.Values)
        {
            if (name.StartsWith(DatasetPrefix, StringComparison.Ordinal))
            {
                if (datasetParameter is null)
                {
                    throw new ArgumentException($"'{name}': the swept kind takes no dataset.");
                }

                // The base may hold the spec as JSON text (the form and CLI) or as a JSON object (API clients).
                var specNode = result[datasetParameter] switch
                {
                    null => JsonNode.Parse(defaultDataset) as JsonObject,
                    JsonObject inline => (JsonObject)inline.DeepClone(),
                    JsonValue text when text.TryGetValue(out string? json) => ParseSpec(json),
                    _ => null,
                } ?? throw new ArgumentException($"'{datasetParameter}': the dataset spec is not a JSON object.");
                if (specNode["parameters"] is not JsonObject parameters)
                {
                    parameters = [];
                    specNode["parameters"] = parameters;
                }

                parameters[name[DatasetPrefix.Length..]] = value?.DeepClone();
                result[datasetParameter] = specNode.ToJsonString();
            }
            else
            {
                result[name] = value?.DeepClone();
            }
        }

        return result;
    }

    private static JsonObject? ParseSpec(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
