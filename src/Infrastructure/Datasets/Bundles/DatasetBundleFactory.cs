using DigitForge.Application.Datasets;
using DigitForge.Application.Datasets.DownloadDataset;
using DigitForge.Domain.Datasets;
using DigitForge.Infrastructure.Encoding;

namespace DigitForge.Infrastructure.Datasets.Bundles;

/// <summary>
/// Lays datasets out as bundles. NPZ members are <c>&lt;array&gt;_&lt;split&gt;.npy</c> in split order, arrays in
/// layout order (x_train, y_train, x_test, y_test), then the extras (<c>t.npy</c>); an NPY bundle is one such member.
/// Nothing in here knows a particular generator.
/// </summary>
public sealed class DatasetBundleFactory(BlockChecksumCache checksums) : IDatasetBundleFactory
{
    public const string NpzContentType = "application/zip";

    public IReadOnlyList<BundleFile> Describe(ResolvedDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var files = new List<BundleFile>
        {
            new(BundleFormat.Npz, FileName(dataset, "npz"), NpzLayout(dataset, rows: null).Length),
        };
        for (int split = 0; split < dataset.Definition.Splits.Count; split++)
        {
            string name = dataset.Definition.Splits[split].Name;
            foreach (var array in dataset.Layout.Arrays)
            {
                var member = Member(dataset, split, dataset.Layout.IndexOf(array.Name), rows: null);
                files.Add(new BundleFile(BundleFormat.Npy, FileName(dataset, $"{name}-{array.Name}.npy"), member.Length, name, array.Name));
            }
        }

        if (dataset.Layout.Image is not null)
        {
            files.Add(new BundleFile(BundleFormat.Zip, FileName(dataset, "zip"), null));
        }

        foreach (var split in dataset.Definition.Splits)
        {
            files.Add(new BundleFile(BundleFormat.Parquet, FileName(dataset, $"{split.Name}.parquet"), null, split.Name));
        }

        return files;
    }

    public DatasetBundle Create(ResolvedDataset dataset, IDatasetRows rows, BundleRequest request)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(request);
        long[] Tables(MemberContent member) => checksums.For(dataset.Id, member.Name, member.BlockCount);
        switch (request.Format)
        {
            case BundleFormat.Npz:
                return new FixedBundle(NpzLayout(dataset, rows), NpzContentType, FileName(dataset, "npz"), Tables);
            case BundleFormat.Npy:
                int split = dataset.RequireSplit(request.Split);
                var member = Member(dataset, split, dataset.Layout.IndexOf(request.Array!), rows);
                return new FixedBundle(FixedBundleLayout.Npy(member), ImageFileEncoder.NpyContentType, FileName(dataset, $"{request.Split}-{request.Array}.npy"), Tables);
            case BundleFormat.Zip:
                return new ImageZipBundle(dataset, rows, FileName(dataset, "zip"));
            case BundleFormat.Parquet:
                return new ParquetSplitBundle(dataset, rows, dataset.RequireSplit(request.Split), FileName(dataset, $"{request.Split}.parquet"));
            default:
                throw new ArgumentOutOfRangeException(nameof(request), request.Format, null);
        }
    }

    private static FixedBundleLayout NpzLayout(ResolvedDataset dataset, IDatasetRows? rows)
    {
        var members = new List<MemberContent>();
        for (int split = 0; split < dataset.Definition.Splits.Count; split++)
        {
            for (int array = 0; array < dataset.Layout.Arrays.Count; array++)
            {
                members.Add(Member(dataset, split, array, rows));
            }
        }

        foreach (var extra in dataset.Layout.Extras)
        {
            if (extra.Lines is { } lines)
            {
                members.Add(new BytesContent(extra.Name + ".npy", UnicodeNpy(lines)));
                continue;
            }

            var dtype = SplitArrayContent.DTypeOf(extra.ElementType);
            byte[] header = NpyFormat.HeaderBytes(dtype, [.. extra.Shape.Select(d => (long)d)]);
            byte[] bytes = new byte[header.Length + extra.ByteLength];
            header.CopyTo(bytes, 0);
            if (rows is not null)
            {
                rows.Extra(extra.Name).Span.CopyTo(bytes.AsSpan(header.Length));
            }

            members.Add(new BytesContent(extra.Name + ".npy", bytes));
        }

        return FixedBundleLayout.Npz(members);
    }

    /// <summary>Text lines as a 1-d NumPy unicode array (<c>&lt;U<i>longest</i></c>, UTF-32LE, zero-padded).</summary>
    internal static byte[] UnicodeNpy(IReadOnlyList<string> lines)
    {
        int[][] codePoints = [.. lines.Select(l => l.EnumerateRunes().Select(r => r.Value).ToArray())];
        int width = Math.Max(1, codePoints.Select(c => c.Length).DefaultIfEmpty(0).Max());
        byte[] header = NpyFormat.HeaderBytes(NpyDType.Unicode(width), lines.Count);
        byte[] bytes = new byte[header.Length + ((long)lines.Count * width * 4)];
        header.CopyTo(bytes, 0);
        for (int i = 0; i < codePoints.Length; i++)
        {
            for (int c = 0; c < codePoints[i].Length; c++)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(header.Length + (((i * width) + c) * 4)), codePoints[i][c]);
            }
        }

        return bytes;
    }

    private static SplitArrayContent Member(ResolvedDataset dataset, int split, int array, IDatasetRows? rows)
    {
        var info = dataset.Definition.Splits[split];
        return SplitArrayContent.Create($"{dataset.Layout.Arrays[array].Name}_{info.Name}.npy", dataset.Layout, split, info.Rows, array, rows);
    }

    private static string FileName(ResolvedDataset dataset, string suffix) =>
        $"{dataset.Generator.Name}-{dataset.Id[..12]}{(suffix.Contains('.', StringComparison.Ordinal) ? "-" : ".")}{suffix}";
}
