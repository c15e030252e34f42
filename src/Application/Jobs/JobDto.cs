using DigitForge.Domain.Jobs;

namespace DigitForge.Application.Jobs;

/// <summary>A job as the API and CLI show it; <paramref name="RunId"/> is the run that records it (the same id).</summary>
public sealed record JobDto(
    string Id,
    string RunId,
    string Kind,
    string Status,
    string Device,
    IReadOnlyDictionary<string, object?> Parameters,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    DateTimeOffset? HeartbeatAt,
    string? WorkerId,
    bool CancelRequested,
    string? Error)
{
    public static JobDto From(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new JobDto(job.Id, job.Id, job.Kind, JobRules.Format(job.Status), job.Device, ParseParameters(job.Parameters),
            job.CreatedAt, job.StartedAt, job.EndedAt, job.HeartbeatAt, job.WorkerId, job.CancelRequested, job.Error);
    }

    private static Dictionary<string, object?> ParseParameters(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().ToDictionary(
            p => p.Name,
            p => (object?)p.Value.Clone(),
            StringComparer.Ordinal);
    }
}
