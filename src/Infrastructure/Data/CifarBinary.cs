using System.Buffers;

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

    // Records per read when streaming (~192 KiB): large enough for sequential I/O, small enough never to matter.
    private const int ChunkRecords = 64;

    /// <summary>Records in <paramref name="byteLength"/> bytes; <see cref="InvalidDataException"/> naming <paramref name="path"/> when not whole.</summary>
    public static int CountRecords(long byteLength, string path) =>
        WholeRecordsError(byteLength, path) is { } error ? throw new InvalidDataException(error) : (int)(byteLength / RecordBytes);

    private static string? WholeRecordsError(long byteLength, string path) =>
        byteLength % RecordBytes == 0 && byteLength / RecordBytes <= int.MaxValue
            ? null
            : $"{path}: {byteLength} bytes is not a whole number of {RecordBytes}-byte CIFAR-10 records.";

    /// <summary>Splits records into HWC pixels and labels, checking every label is a class 0-9.</summary>
    public static (byte[] Pixels, byte[] Labels) Decode(ReadOnlySpan<byte> records, string path)
    {
        int count = CountRecords(records.Length, path);
        var pixels = new byte[(long)count * ImageBytes];
        var labels = new byte[count];
        DecodeInto(records, pixels, labels, 0, path);
        return (pixels, labels);
    }

    /// <summary>
    /// Decodes whole <paramref name="records"/> into <paramref name="pixels"/> (HWC) and <paramref name="labels"/>;
    /// <paramref name="firstIndex"/> numbers them in error messages.
    /// </summary>
    private static void DecodeInto(ReadOnlySpan<byte> records, Span<byte> pixels, Span<byte> labels, long firstIndex, string path)
    {
        const int Plane = Side * Side;
        CheckLabels(records, firstIndex, path);
        for (int i = 0; i < records.Length / RecordBytes; i++)
        {
            var record = records.Slice(i * RecordBytes, RecordBytes);
            labels[i] = record[0];
            var planes = record[1..];
            var image = pixels.Slice(i * ImageBytes, ImageBytes);
            for (int p = 0; p < Plane; p++)
            {
                image[(p * 3) + 0] = planes[p];
                image[(p * 3) + 1] = planes[Plane + p];
                image[(p * 3) + 2] = planes[(2 * Plane) + p];
            }
        }
    }

    /// <summary>Throws naming <paramref name="path"/> and the record when a label of these whole records is not 0-9.</summary>
    private static void CheckLabels(ReadOnlySpan<byte> records, long firstIndex, string path)
    {
        if (LabelError(records, firstIndex, path) is { } error)
        {
            throw new InvalidDataException(error);
        }
    }

    private static string? LabelError(ReadOnlySpan<byte> records, long firstIndex, string path)
    {
        for (int i = 0; i < records.Length / RecordBytes; i++)
        {
            byte label = records[i * RecordBytes];
            if (label >= Classes)
            {
                return $"{path}: record {firstIndex + i} has label {label}; CIFAR-10 labels are 0-9.";
            }
        }

        return null;
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

    /// <summary>
    /// Reads a records file (the stored train.bin / test.bin) into HWC images, a chunk of records at a time: the
    /// decoded arrays are the only full-size allocation (not the file's bytes as well).
    /// </summary>
    public static async Task<(byte[] Pixels, byte[] Labels)> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        int count = CountRecords(file.Length, path);
        var pixels = new byte[(long)count * ImageBytes];
        var labels = new byte[count];
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkRecords * RecordBytes);
        try
        {
            for (int done = 0; done < count;)
            {
                int n = Math.Min(ChunkRecords, count - done);
                await file.ReadExactlyAsync(buffer.AsMemory(0, n * RecordBytes), cancellationToken);
                DecodeInto(buffer.AsSpan(0, n * RecordBytes), pixels.AsSpan(done * ImageBytes, n * ImageBytes), labels.AsSpan(done, n), done, path);
                done += n;
            }
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException($"{path}: shorter than its {count} records (changed while being read?).", ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return (pixels, labels);
    }

    /// <summary>
    /// Copies the records of <paramref name="source"/> (a tar entry or a batch file) to <paramref name="destination"/>
    /// (none: only checked) a chunk at a time, checking every label and that the stream ends on a record boundary.
    /// Returns the number of records, or why they are not valid CIFAR-10 records (<paramref name="name"/> names the
    /// source): returned rather than thrown so that a caller reading an archive can tell a bad record from a bad archive.
    /// </summary>
    internal static async Task<(int Count, string? Error)> CopyRecordsAsync(Stream source, Stream? destination, string name, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkRecords * RecordBytes);
        try
        {
            long total = 0;
            while (true)
            {
                int read = await source.ReadAtLeastAsync(buffer.AsMemory(0, ChunkRecords * RecordBytes), ChunkRecords * RecordBytes, throwOnEndOfStream: false, cancellationToken);
                if ((read % RecordBytes == 0 ? null : WholeRecordsError(total + read, name)) is { } partial)
                {
                    return (0, partial);
                }

                if (LabelError(buffer.AsSpan(0, read), total / RecordBytes, name) is { } label)
                {
                    return (0, label);
                }

                if (destination is not null && read > 0)
                {
                    await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                total += read;
                if (read < ChunkRecords * RecordBytes)
                {
                    return WholeRecordsError(total, name) is { } error ? (0, error) : ((int)(total / RecordBytes), null);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
