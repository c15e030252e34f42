namespace DigitForge.Application.Experiments.Kinds;

/// <summary>One point of a sweep: the swept names (kind parameters, or <c>dataset.&lt;generator parameter&gt;</c>) and their values.</summary>
public sealed record SweepPoint(int Index, IReadOnlyList<KeyValuePair<string, System.Text.Json.Nodes.JsonNode?>> Values)
{
    public string Describe() => string.Join(", ", Values.Select(v => $"{v.Key}={v.Value?.ToJsonString()}"));
}
