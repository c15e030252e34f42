using System.Text.Json;

namespace DigitForge.Application.Experiments.Benchmark;

/// <summary>
/// The results table the benchmark writes on its parent run as <c>results.json</c> (after every model, so a partial
/// table survives a failure): our test accuracy per model and variant beside the published figures.
/// </summary>
public sealed record BenchmarkResults(IReadOnlyList<BenchmarkRow> Rows)
{
    public const string ArtifactPath = "results.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static BenchmarkResults? Parse(Stream json)
    {
        try
        {
            return JsonSerializer.Deserialize<BenchmarkResults>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <param name="RunId">The child run that trained it.</param>
/// <param name="TestAccuracy">Fraction 0..1.</param>
/// <param name="PublishedReadme">Percent, or null when the authors published none (e.g. another dataset).</param>
public sealed record BenchmarkRow(
    string Model,
    string Variant,
    string RunId,
    double TestAccuracy,
    double TrainAccuracy,
    long Parameters,
    double Seconds,
    double? PublishedReadme,
    double? NotebooksMin,
    double? NotebooksMax);
