using System.Text;
using System.Text.Json;
using DigitForge.Application.Common;
using DigitForge.Application.Tracking.Artifacts.DownloadArtifact;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Web.Components.Tracking;

/// <summary>What an artifact preview shows: an image link, text, a CSV table or indented JSON; the first 64 kB only.</summary>
public sealed record ArtifactPreview(string Kind, string? Text, IReadOnlyList<string[]>? Rows, bool Truncated)
{
    public const int MaxBytes = 64 * 1024;
    private const int MaxRows = 50;

    public static string KindOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".png" or ".jpg" or ".jpeg" or ".gif" or ".svg" or ".webp" => "image",
            ".csv" or ".tsv" => "table",
            ".json" => "json",
            ".txt" or ".log" or ".md" or ".yaml" or ".yml" or ".out" or ".err" or ".py" or ".cfg" or ".ini" => "text",
            _ => "none",
        };
    }

    public static async Task<ArtifactPreview> LoadAsync(IServiceScopeFactory scopes, string runId, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        string kind = KindOf(path);
        if (kind is "image" or "none")
        {
            return new ArtifactPreview(kind, null, null, false);
        }

        await using var scope = scopes.CreateAsyncScope();
        string text;
        bool truncated;
        try
        {
            var (artifact, content) = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new DownloadArtifactRequest(runId, path), cancellationToken);
            await using (content)
            {
                var buffer = new byte[(int)Math.Min(MaxBytes, Math.Max(0, artifact.Size))];
                int read = 0;
                while (read < buffer.Length)
                {
                    int n = await content.ReadAsync(buffer.AsMemory(read), cancellationToken);
                    if (n == 0)
                    {
                        break;
                    }

                    read += n;
                }

                text = Encoding.UTF8.GetString(buffer, 0, read);
                truncated = artifact.Size > read;
            }
        }
        catch (NotFoundException ex)
        {
            return new ArtifactPreview("error", ex.Message, null, false);
        }

        if (kind == "json" && !truncated)
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                text = JsonSerializer.Serialize(document.RootElement, IndentedJson);
            }
            catch (JsonException)
            {
                kind = "text"; // not valid JSON: shown as it is
            }
        }

        if (kind == "table")
        {
            char separator = path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ',';
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var rows = lines.Take(MaxRows + 1).Select(l => SplitCsvLine(l.TrimEnd('\r'), separator)).ToList();
            return new ArtifactPreview("table", null, rows, truncated || lines.Length > MaxRows + 1);
        }

        return new ArtifactPreview(kind, text, null, truncated);
    }

    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    /// <summary>One CSV line (RFC 4180 quotes, no line breaks inside fields).</summary>
    public static string[] SplitCsvLine(string line, char separator)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }
}
