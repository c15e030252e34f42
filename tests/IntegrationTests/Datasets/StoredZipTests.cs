using System.Buffers.Binary;
using System.IO.Compression;
using DigitForge.Infrastructure.Datasets.Bundles;
using DigitForge.Infrastructure.Datasets.Zip;
using DigitForge.Infrastructure.Encoding;
using DigitForge.TestSupport;
using Xunit.Abstractions;

namespace DigitForge.IntegrationTests.Datasets;

public class StoredZipTests(ITestOutputHelper output)
{
    [SkippableTheory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(40)]
    public async Task Npz_layout_length_is_the_number_of_bytes_written(int members)
    {
        var contents = Members(members, seed: members);
        var layout = FixedBundleLayout.Npz(contents);

        byte[] bytes = await ReadAllAsync(layout, new BlockChecksumCache());

        Assert.Equal(layout.Length, bytes.LongLength);
    }

    [SkippableFact]
    public async Task Dotnet_zip_reads_every_member_back_with_a_valid_crc()
    {
        var contents = Members(5, seed: 7);
        byte[] bytes = await ReadAllAsync(FixedBundleLayout.Npz(contents), new BlockChecksumCache());

        using var archive = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        Assert.Equal(contents.Select(c => c.Name), archive.Entries.Select(e => e.FullName));
        for (int i = 0; i < contents.Length; i++)
        {
            using var read = new MemoryStream();
            await using (var entry = await archive.Entries[i].OpenAsync())
            {
                await entry.CopyToAsync(read); // checks the CRC at the end of the entry
            }

            Assert.Equal(Bytes(contents[i]), read.ToArray());
            Assert.Equal(Crc32.Compute(read.ToArray()), archive.Entries[i].Crc32);
            Assert.Equal(new DateTime(1980, 1, 1), archive.Entries[i].LastWriteTime.DateTime);
        }
    }

    [SkippableFact]
    public async Task Python_zipfile_finds_no_bad_member()
    {
        PythonReference.Require(output);

        using var temp = new TempDirectory();
        byte[] bytes = await ReadAllAsync(FixedBundleLayout.Npz(Members(4, seed: 3)), new BlockChecksumCache());
        File.WriteAllBytes(temp.File("a.zip"), bytes);

        string result = PythonReference.Run("import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip(), len(z.namelist()))", temp.File("a.zip"));

        Assert.Equal("None 4", result.Trim());
    }

    [SkippableFact]
    public async Task Any_range_read_from_a_cold_cache_equals_the_same_bytes_of_a_full_read()
    {
        var contents = Members(3, seed: 11);
        var layout = FixedBundleLayout.Npz(contents);
        byte[] full = await ReadAllAsync(layout, new BlockChecksumCache());

        foreach (long start in new[] { 0L, 1, 29, layout.Length / 3, layout.Length / 2, layout.Length - 30, layout.Length - 1 })
        {
            // A fresh cache: the CRCs of everything before the range must be worked out without sending it.
            await using var stream = new FixedBundleStream(layout, Tables(new BlockChecksumCache()), CancellationToken.None);
            stream.Position = start;
            using var rest = new MemoryStream();
            await stream.CopyToAsync(rest, 7777);
            Assert.Equal(full.AsSpan((int)start).ToArray(), rest.ToArray());
        }
    }

    [SkippableFact]
    public async Task Bare_npy_layout_is_the_member_itself()
    {
        var member = Members(1, seed: 5)[0];

        byte[] bytes = await ReadAllAsync(FixedBundleLayout.Npy(member), new BlockChecksumCache());

        Assert.Equal(Bytes(member), bytes);
    }

    [SkippableFact]
    public void Central_directory_length_does_not_depend_on_crcs()
    {
        ZipEntryRecord[] entries = [new("a.npy", 0, 10, 0), new("b.npy", 0, 20, 60)];
        ZipEntryRecord[] withCrcs = [entries[0] with { Crc = 0xDEADBEEF }, entries[1] with { Crc = 1 }];

        Assert.Equal(StoredZip.CentralDirectoryLength(entries, 200), StoredZip.CentralDirectory(withCrcs, 200).Length);
    }

    [SkippableFact]
    public void Large_entries_and_offsets_use_zip64_fields()
    {
        long size = 5L * 1024 * 1024 * 1024;
        byte[] local = StoredZip.LocalHeader("x_train.npy", size);
        byte[] descriptor = StoredZip.Descriptor(0x12345678, size);
        ZipEntryRecord[] entries = [new("x_train.npy", 0x12345678, size, 0), new("y_train.npy", 1, 100, 6_000_000_000)];
        byte[] central = StoredZip.CentralDirectory(entries, 7_000_000_000);

        Assert.Equal(45, BinaryPrimitives.ReadUInt16LittleEndian(local.AsSpan(4)));
        Assert.Equal(uint.MaxValue, BinaryPrimitives.ReadUInt32LittleEndian(local.AsSpan(22)));
        Assert.Equal(20, BinaryPrimitives.ReadUInt16LittleEndian(local.AsSpan(28)));
        Assert.Equal(24, descriptor.Length);
        Assert.Equal(size, BinaryPrimitives.ReadInt64LittleEndian(descriptor.AsSpan(8)));

        // First entry: sizes in a 20-byte Zip64 extra; second: only the offset, in a 12-byte one.
        Assert.Equal(20, BinaryPrimitives.ReadUInt16LittleEndian(central.AsSpan(30)));
        int second = 46 + "x_train.npy".Length + 20;
        Assert.Equal(12, BinaryPrimitives.ReadUInt16LittleEndian(central.AsSpan(second + 30)));
        Assert.Equal(6_000_000_000, BinaryPrimitives.ReadInt64LittleEndian(central.AsSpan(second + 46 + "y_train.npy".Length + 4)));

        // Zip64 end record and locator precede the classic end record, whose offset field says "see Zip64".
        Assert.Equal(0x06064b50u, BinaryPrimitives.ReadUInt32LittleEndian(central.AsSpan(central.Length - 22 - 20 - 56)));
        Assert.Equal(0x07064b50u, BinaryPrimitives.ReadUInt32LittleEndian(central.AsSpan(central.Length - 22 - 20)));
        Assert.Equal(uint.MaxValue, BinaryPrimitives.ReadUInt32LittleEndian(central.AsSpan(central.Length - 6)));
        Assert.Equal(StoredZip.CentralDirectoryLength(entries, 7_000_000_000), central.Length);
    }

    [SkippableFact]
    public async Task More_than_65535_entries_switch_to_zip64_end_records_that_readers_accept()
    {
        using var buffer = new MemoryStream();
        var writer = new StreamingZipWriter(buffer);
        for (int i = 0; i < 70_000; i++)
        {
            byte[] data = [(byte)i, (byte)(i >> 8)];
            await writer.WriteEntryAsync($"d/{i}.bin", data, Crc32.Compute(data), CancellationToken.None);
        }

        await writer.FinishAsync(CancellationToken.None);

        using var archive = new ZipArchive(new MemoryStream(buffer.ToArray()), ZipArchiveMode.Read);
        Assert.Equal(70_000, archive.Entries.Count);
        Assert.Equal("d/69999.bin", archive.Entries[^1].FullName);
    }

    [SkippableTheory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(100, 1)]
    [InlineData(1000, 999)]
    [InlineData(4096, 3000)]
    public void Crc_combine_equals_the_crc_of_the_concatenation(int length, int split)
    {
        byte[] data = new byte[length];
        new Random(length).NextBytes(data);

        uint combined = Crc32Combine.Combine(Crc32.Compute(data.AsSpan(0, split)), Crc32.Compute(data.AsSpan(split)), length - split);

        Assert.Equal(Crc32.Compute(data), combined);
    }

    /// <summary>Members of pseudo-random bytes, several blocks long for some, so block boundaries are crossed.</summary>
    private static BytesContent[] Members(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            int length = i % 3 == 2 ? (MemberContent.DefaultBlockSize * 2) + 12345 : random.Next(0, 5000);
            byte[] bytes = new byte[length];
            random.NextBytes(bytes);
            return new BytesContent($"m{i}.npy", bytes);
        })];
    }

    private static byte[] Bytes(MemberContent content)
    {
        byte[] bytes = new byte[content.Length];
        for (int b = 0; b < content.BlockCount; b++)
        {
            content.FillBlock(b, bytes.AsSpan(b * content.BlockSize), null, CancellationToken.None);
        }

        return bytes;
    }

    private static Func<MemberContent, long[]> Tables(BlockChecksumCache cache) => m => cache.For("test", m.Name, m.BlockCount);

    private static async Task<byte[]> ReadAllAsync(FixedBundleLayout layout, BlockChecksumCache cache)
    {
        await using var stream = new FixedBundleStream(layout, Tables(cache), CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, 64 * 1024);
        return copy.ToArray();
    }
}
