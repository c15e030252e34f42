using System.Text.Json;
using System.Text.Json.Serialization;

namespace DigitForge.Application.Training.Layers;

/// <summary>
/// A 2-d kernel size or padding: square (an <c>int</c> converts to one) or [height, width] (Inception's 1x7 and 7x1
/// convolutions). Its JSON is one integer when square, so square layers serialise as before, else [height, width];
/// the engine reads either.
/// </summary>
[JsonConverter(typeof(SpatialPairJsonConverter))]
public readonly record struct SpatialPair(int Height, int Width)
{
    public static implicit operator SpatialPair(int size) => new(size, size);

    public static SpatialPair FromInt32(int size) => new(size, size);

    public bool IsSquare => Height == Width;

    public int Area => Height * Width;

    public override string ToString() => IsSquare ? Height.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Height}x{Width}";
}

/// <summary>Reads an integer or a two-integer array; writes an integer when square.</summary>
public sealed class SpatialPairJsonConverter : JsonConverter<SpatialPair>
{
    public override SpatialPair Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.GetInt32();
        }

        int[]? pair = JsonSerializer.Deserialize<int[]>(ref reader, options);
        return pair is { Length: 2 } ? new SpatialPair(pair[0], pair[1]) : throw new JsonException("Expected an integer or [height, width].");
    }

    public override void Write(Utf8JsonWriter writer, SpatialPair value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.IsSquare)
        {
            writer.WriteNumberValue(value.Height);
            return;
        }

        writer.WriteStartArray();
        writer.WriteNumberValue(value.Height);
        writer.WriteNumberValue(value.Width);
        writer.WriteEndArray();
    }
}
