using System.Text.Json;

namespace DigitForge.Application.Experiments.Summaries;

/// <summary>
/// What a finished (or running) experiment found, in a shape every front end renders without knowing the kind:
/// headline figures, tables, and references to the run's images and metric curves. A kind writes it on its job's run
/// as <see cref="ArtifactPath"/> (<see cref="ExperimentContext.PublishSummaryAsync"/>), as often as it has news.
/// </summary>
public sealed record ExperimentSummary(
    IReadOnlyList<SummaryFigure> Figures,
    IReadOnlyList<SummaryTable> Tables,
    IReadOnlyList<SummaryImage> Images,
    IReadOnlyList<SummaryCurve> Curves)
{
    public const string ArtifactPath = "summary.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static ExperimentSummary Empty { get; } = new([], [], [], []);

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>The summary, or null when the stream does not hold one.</summary>
    public static ExperimentSummary? Parse(Stream json)
    {
        try
        {
            return JsonSerializer.Deserialize<ExperimentSummary>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A headline number: <paramref name="Text"/> is how to show it (with its unit), <paramref name="Value"/> the number.</summary>
public sealed record SummaryFigure(string Name, string Text, double? Value = null);

/// <param name="Id">Stable identifier (HTML id on the run page), e.g. <c>benchmark-results</c>.</param>
/// <param name="Note">A line under the table (where published figures come from, ...).</param>
public sealed record SummaryTable(string Id, string Title, IReadOnlyList<string> Columns, IReadOnlyList<SummaryRow> Rows, string? Note = null);

/// <summary>Cells as text in column order; <paramref name="RunId"/> links the row to the run that made it.</summary>
public sealed record SummaryRow(IReadOnlyList<string> Cells, string? RunId = null);

/// <summary>The latest image logged under <paramref name="Key"/> on the run (the job's own when <paramref name="RunId"/> is null).</summary>
public sealed record SummaryImage(string Key, string Title, string? RunId = null);

/// <summary>A metric curve worth looking at first, e.g. <c>train/g_loss</c>.</summary>
public sealed record SummaryCurve(string Metric, string Title, string? RunId = null);
