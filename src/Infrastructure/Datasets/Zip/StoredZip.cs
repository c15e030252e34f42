using System.Buffers.Binary;

namespace DigitForge.Infrastructure.Datasets.Zip;

/// <summary>
/// The records of a ZIP archive (PKWARE APPNOTE 6.3) whose entries are streamed, stored (not compressed; deflated only
/// where an NPZ asks for it, <see cref="Encoding.NpzWriter"/>): each entry
/// is a local header with flag bit 3 set (CRC and sizes follow the data in a data descriptor), the data, then the
/// descriptor; the central directory and end records close the archive. Every field is a pure function of the entry
/// names, sizes and CRCs — the timestamp is fixed at 1980-01-01 00:00 — so the layout and total size of an archive
/// are known before its data exists, and equal inputs give equal bytes.
/// </summary>
/// <remarks>
/// We write our own records rather than use <c>ZipArchive</c>: its layout (extra fields, when it switches to Zip64)
/// is not specified, so sizes could not be promised up front. Zip64 is used exactly where the classic fields overflow:
/// per entry when its size reaches 0xFFFFFFFF (Zip64 local extra, 8-byte descriptor sizes), in the central directory
/// for sizes and offsets that reach it, and the Zip64 end records when the entry count reaches 0xFFFF or the central
/// directory's size or offset reach 0xFFFFFFFF. Python's zipfile, Info-ZIP and .NET read all of these.
/// </remarks>
public static class StoredZip
{
    private const uint LocalHeaderSignature = 0x04034b50;
    private const uint DescriptorSignature = 0x08074b50;
    private const uint CentralHeaderSignature = 0x02014b50;
    private const uint EndSignature = 0x06054b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const ushort Zip64ExtraId = 0x0001;
    private const ushort VersionClassic = 20;
    private const ushort VersionZip64 = 45;
    private const ushort DataDescriptorFlag = 0x0008;

    /// <summary>Compression method 0: the data as it is (every dataset bundle, <c>np.savez</c>).</summary>
    public const ushort MethodStored = 0;

    /// <summary>Compression method 8: deflate (<c>np.savez_compressed</c>).</summary>
    public const ushort MethodDeflated = 8;
    private const ushort Utf8NameFlag = 0x0800;

    // MS-DOS date of 1980-01-01: ((1980 - 1980) << 9) | (1 << 5) | 1; time 00:00:00 is 0.
    private const ushort FixedDate = 0x0021;
    private const ushort FixedTime = 0;

    private const int LocalHeaderFixedLength = 30;
    private const int CentralHeaderFixedLength = 46;
    private const int EndLength = 22;
    private const int Zip64EndLength = 56;
    private const int Zip64LocatorLength = 20;

    /// <summary>Whether a size or offset needs Zip64 (0xFFFFFFFF itself is the classic field's "see Zip64" marker).</summary>
    public static bool IsLarge(long value) => value >= uint.MaxValue;

    public static int LocalHeaderLength(string name, long size) => LocalHeaderFixedLength + NameBytes(name).Length + (IsLarge(size) ? 20 : 0);

    /// <summary>The local header of a stored entry of <paramref name="size"/> bytes whose CRC and sizes follow in its descriptor.</summary>
    public static byte[] LocalHeader(string name, long size) => LocalHeader(name, size, MethodStored);

    /// <summary>
    /// The local header of an entry whose CRC and sizes follow in its descriptor; <paramref name="size"/> (for a deflated
    /// entry, a bound on both its sizes) decides whether the entry is Zip64.
    /// </summary>
    public static byte[] LocalHeader(string name, long size, ushort method)
    {
        byte[] nameBytes = NameBytes(name);
        bool zip64 = IsLarge(size);
        var bytes = new byte[LocalHeaderLength(name, size)];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, LocalHeaderSignature);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], zip64 ? VersionZip64 : VersionClassic);
        BinaryPrimitives.WriteUInt16LittleEndian(span[6..], Flags(nameBytes));
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], method);
        BinaryPrimitives.WriteUInt16LittleEndian(span[10..], FixedTime);
        BinaryPrimitives.WriteUInt16LittleEndian(span[12..], FixedDate);

        // CRC and sizes are zero here (bit 3: they follow the data); Zip64 entries mark the sizes as "in the extra field".
        BinaryPrimitives.WriteUInt32LittleEndian(span[18..], zip64 ? uint.MaxValue : 0);
        BinaryPrimitives.WriteUInt32LittleEndian(span[22..], zip64 ? uint.MaxValue : 0);
        BinaryPrimitives.WriteUInt16LittleEndian(span[26..], (ushort)nameBytes.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(span[28..], (ushort)(zip64 ? 20 : 0));
        nameBytes.CopyTo(span[LocalHeaderFixedLength..]);
        if (zip64)
        {
            var extra = span[(LocalHeaderFixedLength + nameBytes.Length)..];
            BinaryPrimitives.WriteUInt16LittleEndian(extra, Zip64ExtraId);
            BinaryPrimitives.WriteUInt16LittleEndian(extra[2..], 16); // original and compressed size, both 0 until the descriptor
        }

        return bytes;
    }

    public static int DescriptorLength(long size) => IsLarge(size) ? 24 : 16;

    public static byte[] Descriptor(uint crc, long size) => Descriptor(crc, size, size, IsLarge(size));

    /// <summary>The descriptor of an entry whose local header was Zip64 (<paramref name="zip64"/>: 8-byte sizes) or not.</summary>
    public static byte[] Descriptor(uint crc, long compressedSize, long size, bool zip64)
    {
        var bytes = new byte[zip64 ? 24 : 16];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, DescriptorSignature);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], crc);
        if (zip64)
        {
            BinaryPrimitives.WriteInt64LittleEndian(span[8..], compressedSize);
            BinaryPrimitives.WriteInt64LittleEndian(span[16..], size);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)compressedSize);
            BinaryPrimitives.WriteUInt32LittleEndian(span[12..], (uint)size);
        }

        return bytes;
    }

    /// <summary>Bytes of the central directory plus end records for these entries, starting at <paramref name="offset"/>; CRCs do not change it.</summary>
    public static long CentralDirectoryLength(IReadOnlyList<ZipEntryRecord> entries, long offset)
    {
        ArgumentNullException.ThrowIfNull(entries);
        long length = 0;
        foreach (var entry in entries)
        {
            length += CentralHeaderFixedLength + NameBytes(entry.Name).Length + CentralExtraLength(entry);
        }

        return length + EndRecordsLength(entries.Count, length, offset);
    }

    /// <summary>The central directory and end records for <paramref name="entries"/>, to be written at <paramref name="offset"/>.</summary>
    public static byte[] CentralDirectory(IReadOnlyList<ZipEntryRecord> entries, long offset)
    {
        ArgumentNullException.ThrowIfNull(entries);
        using var stream = new MemoryStream();
        Span<byte> header = stackalloc byte[CentralHeaderFixedLength];
        Span<byte> extra = stackalloc byte[28];
        foreach (var entry in entries)
        {
            byte[] nameBytes = NameBytes(entry.Name);
            bool largeSize = IsLarge(entry.Size) || IsLarge(entry.StoredSize);
            bool largeOffset = IsLarge(entry.Offset);
            int extraLength = CentralExtraLength(entry);
            header.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(header, CentralHeaderSignature);
            ushort version = largeSize || largeOffset ? VersionZip64 : VersionClassic;
            BinaryPrimitives.WriteUInt16LittleEndian(header[4..], version); // made by: this version, MS-DOS attributes
            BinaryPrimitives.WriteUInt16LittleEndian(header[6..], version);
            BinaryPrimitives.WriteUInt16LittleEndian(header[8..], Flags(nameBytes));
            BinaryPrimitives.WriteUInt16LittleEndian(header[10..], entry.Method);
            BinaryPrimitives.WriteUInt16LittleEndian(header[12..], FixedTime);
            BinaryPrimitives.WriteUInt16LittleEndian(header[14..], FixedDate);
            BinaryPrimitives.WriteUInt32LittleEndian(header[16..], entry.Crc);
            BinaryPrimitives.WriteUInt32LittleEndian(header[20..], largeSize ? uint.MaxValue : (uint)entry.StoredSize);
            BinaryPrimitives.WriteUInt32LittleEndian(header[24..], largeSize ? uint.MaxValue : (uint)entry.Size);
            BinaryPrimitives.WriteUInt16LittleEndian(header[28..], (ushort)nameBytes.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(header[30..], (ushort)extraLength);
            BinaryPrimitives.WriteUInt32LittleEndian(header[42..], largeOffset ? uint.MaxValue : (uint)entry.Offset);
            stream.Write(header);
            stream.Write(nameBytes);
            if (extraLength > 0)
            {
                // Only the fields whose classic value is 0xFFFFFFFF, in APPNOTE order: original size, compressed size, offset.
                int at = 4;
                if (largeSize)
                {
                    BinaryPrimitives.WriteInt64LittleEndian(extra[at..], entry.Size);
                    BinaryPrimitives.WriteInt64LittleEndian(extra[(at + 8)..], entry.StoredSize);
                    at += 16;
                }

                if (largeOffset)
                {
                    BinaryPrimitives.WriteInt64LittleEndian(extra[at..], entry.Offset);
                    at += 8;
                }

                BinaryPrimitives.WriteUInt16LittleEndian(extra, Zip64ExtraId);
                BinaryPrimitives.WriteUInt16LittleEndian(extra[2..], (ushort)(at - 4));
                stream.Write(extra[..at]);
            }
        }

        long directoryLength = stream.Length;
        WriteEndRecords(stream, entries.Count, directoryLength, offset);
        return stream.ToArray();
    }

    private static int CentralExtraLength(ZipEntryRecord entry)
    {
        int fields = (IsLarge(entry.Size) || IsLarge(entry.StoredSize) ? 2 : 0) + (IsLarge(entry.Offset) ? 1 : 0);
        return fields == 0 ? 0 : 4 + (8 * fields);
    }

    private static bool NeedsZip64End(int count, long directoryLength, long offset) =>
        count >= ushort.MaxValue || IsLarge(directoryLength) || IsLarge(offset);

    private static int EndRecordsLength(int count, long directoryLength, long offset) =>
        EndLength + (NeedsZip64End(count, directoryLength, offset) ? Zip64EndLength + Zip64LocatorLength : 0);

    private static void WriteEndRecords(Stream stream, int count, long directoryLength, long offset)
    {
        bool zip64 = NeedsZip64End(count, directoryLength, offset);
        if (zip64)
        {
            long zip64EndOffset = offset + directoryLength;
            Span<byte> record = stackalloc byte[Zip64EndLength + Zip64LocatorLength];
            record.Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(record, Zip64EndSignature);
            BinaryPrimitives.WriteInt64LittleEndian(record[4..], Zip64EndLength - 12); // size of the rest of the record
            BinaryPrimitives.WriteUInt16LittleEndian(record[12..], VersionZip64);
            BinaryPrimitives.WriteUInt16LittleEndian(record[14..], VersionZip64);
            BinaryPrimitives.WriteInt64LittleEndian(record[24..], count);
            BinaryPrimitives.WriteInt64LittleEndian(record[32..], count);
            BinaryPrimitives.WriteInt64LittleEndian(record[40..], directoryLength);
            BinaryPrimitives.WriteInt64LittleEndian(record[48..], offset);
            var locator = record[Zip64EndLength..];
            BinaryPrimitives.WriteUInt32LittleEndian(locator, Zip64LocatorSignature);
            BinaryPrimitives.WriteInt64LittleEndian(locator[8..], zip64EndOffset);
            BinaryPrimitives.WriteUInt32LittleEndian(locator[16..], 1); // total number of disks
            stream.Write(record);
        }

        Span<byte> end = stackalloc byte[EndLength];
        end.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(end, EndSignature);
        ushort shortCount = count >= ushort.MaxValue ? ushort.MaxValue : (ushort)count;
        BinaryPrimitives.WriteUInt16LittleEndian(end[8..], shortCount);
        BinaryPrimitives.WriteUInt16LittleEndian(end[10..], shortCount);
        BinaryPrimitives.WriteUInt32LittleEndian(end[12..], IsLarge(directoryLength) ? uint.MaxValue : (uint)directoryLength);
        BinaryPrimitives.WriteUInt32LittleEndian(end[16..], IsLarge(offset) ? uint.MaxValue : (uint)offset);
        stream.Write(end);
    }

    private static ushort Flags(byte[] nameBytes) =>
        (ushort)(DataDescriptorFlag | (nameBytes.Any(b => b >= 0x80) ? Utf8NameFlag : 0));

    private static byte[] NameBytes(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(name);
        return bytes.Length <= ushort.MaxValue ? bytes : throw new ArgumentException("Entry name too long.", nameof(name));
    }
}
