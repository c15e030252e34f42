using System.Text.Json;
using DigitForge.Application.DataSources;

namespace DigitForge.Infrastructure.Data;

/// <summary>
/// <c>&lt;data&gt;/&lt;source&gt;/origin.json</c>: one <see cref="DataOrigin"/> per split, because the train and test
/// files of one source can come from different places (e.g. npm train digits next to downloaded t10k files).
/// </summary>
public static class OriginFile
{
    public const string FileName = "origin.json";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The recorded origins; a missing or unreadable file reads as none (provenance is informational).</summary>
    public static IReadOnlyDictionary<DataSplit, DataOrigin> Read(string sourceDirectory)
    {
        string path = Path.Combine(sourceDirectory, FileName);
        try
        {
            return Parse(File.ReadAllBytes(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return new Dictionary<DataSplit, DataOrigin>();
        }
    }

    public static async Task RecordAsync(
        string sourceDirectory, IEnumerable<DataSplit> splits, DataOrigin origin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(splits);
        ArgumentNullException.ThrowIfNull(origin);
        var entries = Read(sourceDirectory).ToDictionary(pair => Key(pair.Key), pair => pair.Value);
        foreach (DataSplit split in splits)
        {
            entries[Key(split)] = origin;
        }

        await AtomicFile.WriteAsync(
            Path.Combine(sourceDirectory, FileName),
            (stream, ct) => JsonSerializer.SerializeAsync(stream, entries, JsonOptions, ct),
            cancellationToken);
    }

    private static Dictionary<DataSplit, DataOrigin> Parse(byte[] json)
    {
        var result = new Dictionary<DataSplit, DataOrigin>();
        var entries = JsonSerializer.Deserialize<Dictionary<string, DataOrigin>>(json, JsonOptions) ?? [];
        foreach ((string key, DataOrigin origin) in entries)
        {
            if (Enum.TryParse(key, ignoreCase: true, out DataSplit split) && origin?.Description is not null)
            {
                result[split] = origin.Id is null && origin.Description.StartsWith("npm ", StringComparison.Ordinal)
                    ? origin with { Id = NpmMnistSplit.LegacyOriginId(origin.Description) }
                    : origin;
            }
        }

        return result;
    }

    private static string Key(DataSplit split) => split == DataSplit.Train ? "train" : "test";
}
