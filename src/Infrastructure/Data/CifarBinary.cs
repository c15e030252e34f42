namespace DigitForge.Infrastructure.Data;

/// <summary>
/// The CIFAR-10 binary format (cifar-10-binary.tar.gz): records of 1 label byte then 3072 pixel bytes, the 1024 red
/// values of the 32x32 image row-major, then the 1024 green, then the 1024 blue. Files data_batch_1..5.bin (train,
/// 10,000 records each) and test_batch.bin. Loaded images are HWC interleaved (R, G, B per pixel) like NumPy's
/// <c>transpose(0, 2, 3, 1)</c> of the reference's arrays.
/// </summary>
public static class CifarBinary
{
    public const int Side = 32;
    public const int Channels = 3;
    public const int ImageBytes = Side * Side * Channels;
    public const int RecordBytes = 1 + ImageBytes;
    public const int Classes = 10;

    public static IReadOnlyList<string> TrainBatches { get; } =
        ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"];

    public const string TestBatch = "test_batch.bin";

    /// <summary>The folder inside the tar.gz.</summary>
    public const string ArchiveFolder = "cifar-10-batches-bin";

    /// <summary>Records in <paramref name="byteLength"/> bytes; <see cref="InvalidDataException"/> naming <paramref name="path"/> when not whole.</summary>
    public static int CountRecords(long byteLength, string path) =>
        byteLength % RecordBytes == 0 && byteLength / RecordBytes <= int.MaxValue
            ? (int)(byteLength / RecordBytes)
            : throw new InvalidDataException($"{path}: {byteLength} bytes is not a whole number of {RecordBytes}-byte CIFAR-10 records.");

    /// <summary>Splits records into HWC pixels and labels, checking every label is a class 0-9.</summary>
    public static (byte[] Pixels, byte[] Labels) Decode(ReadOnlySpan<byte> records, string path)
    {
        int count = CountRecords(records.Length, path);
        var pixels = new byte[(long)count * ImageBytes];
        var labels = new byte[count];
        const int Plane = Side * Side;
        for (int i = 0; i < count; i++)
        {
            var record = records.Slice(i * RecordBytes, RecordBytes);
            labels[i] = record[0] < Classes
                ? record[0]
                : throw new InvalidDataException($"{path}: record {i} has label {record[0]}; CIFAR-10 labels are 0-9.");
            var planes = record[1..];
            var image = pixels.AsSpan(i * ImageBytes, ImageBytes);
            for (int p = 0; p < Plane; p++)
            {
                image[(p * 3) + 0] = planes[p];
                image[(p * 3) + 1] = planes[Plane + p];
                image[(p * 3) + 2] = planes[(2 * Plane) + p];
            }
        }

        return (pixels, labels);
    }

    /// <summary>Encodes HWC images and labels as records (the inverse of <see cref="Decode"/>; tests write fixtures with it).</summary>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, ReadOnlySpan<byte> labels)
    {
        if (pixels.Length != labels.Length * ImageBytes)
        {
            throw new ArgumentException($"{labels.Length} labels need {labels.Length * ImageBytes} pixel bytes, got {pixels.Length}.", nameof(pixels));
        }

        const int Plane = Side * Side;
        var records = new byte[labels.Length * RecordBytes];
        for (int i = 0; i < labels.Length; i++)
        {
            var record = records.AsSpan(i * RecordBytes, RecordBytes);
            record[0] = labels[i];
            var image = pixels.Slice(i * ImageBytes, ImageBytes);
            for (int p = 0; p < Plane; p++)
            {
                record[1 + p] = image[p * 3];
                record[1 + Plane + p] = image[(p * 3) + 1];
                record[1 + (2 * Plane) + p] = image[(p * 3) + 2];
            }
        }

        return records;
    }

    /// <summary>Reads a whole records file (the stored train.bin / test.bin) into HWC images.</summary>
    public static async Task<(byte[] Pixels, byte[] Labels)> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        byte[] bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        return Decode(bytes, path);
    }

    /// <summary>Reads all of <paramref name="stream"/> (a tar entry) and checks it is whole records.</summary>
    internal static async Task<byte[]> ReadRecordsAsync(Stream stream, string name, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        byte[] bytes = buffer.ToArray();
        CountRecords(bytes.Length, name);
        return bytes;
    }

    internal static byte[] Concat(IReadOnlyList<byte[]> parts)
    {
        var all = new byte[parts.Sum(p => (long)p.Length)];
        long offset = 0;
        foreach (byte[] part in parts)
        {
            part.CopyTo(all.AsSpan((int)offset));
            offset += part.Length;
        }

        return all;
    }
}
