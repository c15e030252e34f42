namespace DigitForge.Infrastructure.Datasets.Zip;

/// <summary>
/// What the central directory needs to know of one entry: stored (the default, <see cref="StoredZip.MethodStored"/>), or
/// deflated with its <paramref name="CompressedSize"/> (negative: the same as <paramref name="Size"/>).
/// </summary>
public readonly record struct ZipEntryRecord(string Name, uint Crc, long Size, long Offset, long CompressedSize = -1, ushort Method = 0)
{
    /// <summary>The entry's data length in the archive.</summary>
    public long StoredSize => CompressedSize < 0 ? Size : CompressedSize;
}
