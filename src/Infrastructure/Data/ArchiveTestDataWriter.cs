using System.Formats.Tar;
using System.IO.Compression;
using DigitForge.Application.DataSources;

namespace DigitForge.Infrastructure.Data;

/// <summary>
/// Small archives in the real CIFAR-10 and EMNIST formats, for tests (there is no internet here to fetch the real
/// ones): labels cycle 0, 1, ..., classes-1; every image says which it is, so readers and generators can be checked.
/// </summary>
public static class ArchiveTestDataWriter
{
    /// <summary>Upright EMNIST test image i: row 0 all 255 (so a missing transpose shows), pixel (1, 0) = i % 256, the rest 0.</summary>
    public static byte[] EmnistImage(int index, int side = 28)
    {
        var image = new byte[side * side];
        image.AsSpan(0, side).Fill(255);
        image[side] = (byte)(index % 256);
        return image;
    }

    /// <summary>CIFAR test image i (HWC): red = label * 20, green = i % 256, blue = 255 - x (the pixel's column).</summary>
    public static byte[] CifarImage(int index, byte label)
    {
        var image = new byte[CifarBinary.ImageBytes];
        for (int p = 0; p < CifarBinary.Side * CifarBinary.Side; p++)
        {
            image[p * 3] = (byte)(label * 20);
            image[(p * 3) + 1] = (byte)(index % 256);
            image[(p * 3) + 2] = (byte)(255 - (p % CifarBinary.Side));
        }

        return image;
    }

    /// <summary>cifar-10-binary.tar.gz with <paramref name="trainPerClass"/> train images per class in five batches and <paramref name="testPerClass"/> test images per class.</summary>
    public static async Task WriteCifarTarGzAsync(string path, int trainPerClass, int testPerClass, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trainPerClass);
        ArgumentOutOfRangeException.ThrowIfNegative(testPerClass);
        byte[] train = CifarRecords(trainPerClass * CifarBinary.Classes);
        byte[] test = CifarRecords(testPerClass * CifarBinary.Classes);
        await using var file = File.Create(path);
        await using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        await using var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true);
        int records = train.Length / CifarBinary.RecordBytes;
        int batches = CifarBinary.TrainBatches.Count;
        for (int b = 0; b < batches; b++)
        {
            int first = records * b / batches;
            int last = records * (b + 1) / batches;
            await AddAsync(tar, CifarBinary.TrainBatches[b], train.AsMemory(first * CifarBinary.RecordBytes, (last - first) * CifarBinary.RecordBytes), cancellationToken);
        }

        await AddAsync(tar, CifarBinary.TestBatch, test, cancellationToken);
        await AddAsync(tar, "batches.meta.txt", "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n"u8.ToArray(), cancellationToken);
    }

    /// <summary>NIST's gzip.zip layout with only the four balanced members: gzip/emnist-balanced-*-ubyte.gz, images stored transposed as published.</summary>
    public static async Task WriteEmnistZipAsync(string path, int trainPerClass, int testPerClass, CancellationToken cancellationToken = default)
    {
        await using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        foreach (var (split, perClass) in new[] { (DataSplit.Train, trainPerClass), (DataSplit.Test, testPerClass) })
        {
            int count = perClass * EmnistFiles.Classes;
            var pixels = new byte[count * 28 * 28];
            var labels = new byte[count];
            for (int i = 0; i < count; i++)
            {
                labels[i] = (byte)(i % EmnistFiles.Classes);
                EmnistImage(i).CopyTo(pixels, i * 28 * 28);
            }

            EmnistFiles.Transpose(pixels, 28);
            await WriteMemberAsync(zip, EmnistFiles.MemberName(split, IdxKind.Images), stream => IdxWriter.WriteImagesAsync(stream, 28, 28, pixels, cancellationToken));
            await WriteMemberAsync(zip, EmnistFiles.MemberName(split, IdxKind.Labels), stream => IdxWriter.WriteLabelsAsync(stream, labels, cancellationToken));
        }
    }

    private static byte[] CifarRecords(int count)
    {
        var pixels = new byte[count * CifarBinary.ImageBytes];
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = (byte)(i % CifarBinary.Classes);
            CifarImage(i, labels[i]).CopyTo(pixels, i * CifarBinary.ImageBytes);
        }

        return CifarBinary.Encode(pixels, labels);
    }

    private static async Task AddAsync(TarWriter tar, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, $"{CifarBinary.ArchiveFolder}/{name}") { DataStream = new MemoryStream(content.ToArray()) };
        await tar.WriteEntryAsync(entry, cancellationToken);
    }

    private static async Task WriteMemberAsync(ZipArchive zip, string name, Func<Stream, Task> write)
    {
        var entry = zip.CreateEntry("gzip/" + name, CompressionLevel.NoCompression);
        await using var stream = await entry.OpenAsync();
        await using var gzip = new GZipStream(stream, CompressionLevel.Fastest);
        await write(gzip);
    }
}
