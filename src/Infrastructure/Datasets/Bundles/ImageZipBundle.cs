using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DigitForge.Application.Datasets;
using DigitForge.Application.Datasets.DownloadDataset;
using DigitForge.Application.Morphology.MeasureMorphometrics;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Morphology;
using DigitForge.Infrastructure.Encoding;

namespace DigitForge.Infrastructure.Datasets.Bundles;

/// <summary>
/// The ImageFolder layout as a stored zip: <c>&lt;split&gt;/&lt;label&gt;/&lt;index&gt;.png</c> per row, then
/// <c>labels.csv</c> (split, index, label, path) and <c>manifest.json</c> (id, canonical spec, versions, size and
/// SHA-256 of every other file). Rows are generated and PNG-encoded in parallel batches, the next batch while the
/// current one is written. PNG sizes are only known once encoded, so this format has no Content-Length or Range.
/// Datasets with a <c>morpho</c> array (the Morpho-MNIST generators) also get <c>&lt;split&gt;/morphometrics.csv</c>
/// after each split's images, in the POST /api/morphometrics CSV layout (index,area,length,thickness,slant,width,height).
/// </summary>
/// <remarks>
/// Memory: two batches of rows, plus what the central directory and manifest need per file (about a hundred bytes),
/// which any zip writer keeps until the end; labels.csv and a split's morphometrics.csv are built up in memory.
/// </remarks>
internal sealed class ImageZipBundle(ResolvedDataset dataset, IDatasetRows rows, string fileName) : DatasetBundle
{
    public const string BundleVersion = BundleLayout.ZipVersion;
    private const int BatchBytes = 4 * 1024 * 1024;

    public override string ContentType => "application/zip";

    public override string FileName => fileName;

    public override long? Length => null;

    public override Stream OpenRead(CancellationToken cancellationToken) =>
        throw new NotSupportedException("A zip of PNGs has no size up front; use WriteToAsync.");

    public override async Task WriteToAsync(Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var zip = new StreamingZipWriter(destination);
        var files = new List<(string Path, long Size, byte[] Sha256)>();
        var csv = new StringBuilder("split,index,label,path\n");
        int batchRows = Math.Clamp(BatchBytes / Math.Max(1, dataset.Layout.RowBytes), 16, 2048);
        int morpho = MorphometricsArray(dataset.Layout);
        for (int split = 0; split < dataset.Definition.Splits.Count; split++)
        {
            var info = dataset.Definition.Splits[split];
            string indexFormat = "D" + Math.Max(1, (info.Rows - 1).ToString(CultureInfo.InvariantCulture).Length).ToString(CultureInfo.InvariantCulture);
            var morphometrics = morpho < 0 ? null : new StringBuilder(MorphometricsCsv.Header);
            Task<Batch>? next = info.Rows > 0 ? Produce(split, 0, Math.Min(batchRows, info.Rows), morpho, cancellationToken) : null;
            for (int first = 0; first < info.Rows; first += batchRows)
            {
                var batch = await next!;
                int following = first + batchRows;
                next = following < info.Rows ? Produce(split, following, Math.Min(batchRows, info.Rows - following), morpho, cancellationToken) : null;
                for (int i = 0; i < batch.Pngs.Length; i++)
                {
                    string index = (first + i).ToString(indexFormat, CultureInfo.InvariantCulture);
                    string path = $"{info.Name}/{batch.Labels[i]}/{index}.png";
                    await zip.WriteEntryAsync(path, batch.Pngs[i], batch.Crcs[i], cancellationToken);
                    files.Add((path, batch.Pngs[i].Length, batch.Hashes[i]));
                    csv.Append(info.Name).Append(',').Append(first + i).Append(',').Append(batch.Labels[i]).Append(',').Append(path).Append('\n');
                    if (morphometrics is not null)
                    {
                        var m = batch.Morphometrics!.AsSpan(i * 6, 6);
                        MorphometricsCsv.AppendRow(morphometrics, first + i, null, new Morphometrics(m[0], m[1], m[2], m[3], m[4], m[5]));
                    }
                }
            }

            if (morphometrics is not null)
            {
                string path = $"{info.Name}/morphometrics.csv";
                byte[] content = System.Text.Encoding.UTF8.GetBytes(morphometrics.ToString());
                await zip.WriteEntryAsync(path, content, Crc32.Compute(content), cancellationToken);
                files.Add((path, content.Length, SHA256.HashData(content)));
            }
        }

        byte[] labels = System.Text.Encoding.UTF8.GetBytes(csv.ToString());
        await zip.WriteEntryAsync("labels.csv", labels, Crc32.Compute(labels), cancellationToken);
        files.Add(("labels.csv", labels.Length, SHA256.HashData(labels)));

        byte[] manifest = Manifest(files);
        await zip.WriteEntryAsync("manifest.json", manifest, Crc32.Compute(manifest), cancellationToken);
        await zip.FinishAsync(cancellationToken);
    }

    /// <summary>Index of the per-row morphometrics (float64 x 6, named "morpho"), or -1 when the dataset has none.</summary>
    private static int MorphometricsArray(DatasetLayout layout)
    {
        int index = layout.IndexOf("morpho");
        return index >= 0 && layout.Arrays[index].ElementType == ElementType.Float64 && layout.Arrays[index].RowElements == 6 ? index : -1;
    }

    private Task<Batch> Produce(int split, int first, int count, int morpho, CancellationToken cancellationToken) => Task.Run(
        () =>
        {
            var block = new RowBlock(dataset.Layout, count);
            RowBlockFiller.Fill(rows, split, first, count, block, cancellationToken);
            var batch = new Batch(new byte[count][], new uint[count], new byte[count][], new string[count], morpho < 0 ? null : block.Column<double>(morpho).AsSpan(0, count * 6).ToArray());
            Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            {
                byte[] png = RowImages.Png(block, i);
                batch.Pngs[i] = png;
                batch.Crcs[i] = Crc32.Compute(png);
                batch.Hashes[i] = SHA256.HashData(png);
                batch.Labels[i] = RowLabels.Text(block, i);
            });
            return batch;
        },
        cancellationToken);

    private byte[] Manifest(List<(string Path, long Size, byte[] Sha256)> files)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("id", dataset.Id);
            json.WritePropertyName("spec");
            json.WriteRawValue(dataset.CanonicalSpec);
            json.WriteStartObject("versions");
            json.WriteString("generator", dataset.Generator.Version);
            json.WriteString("bundle", BundleVersion);
            json.WriteEndObject();
            json.WriteString("layout", "ImageFolder: <split>/<label>/<index>.png");
            json.WriteStartArray("files");
            foreach (var (path, size, sha) in files)
            {
                json.WriteStartObject();
                json.WriteString("path", path);
                json.WriteNumber("size", size);
                json.WriteString("sha256", Convert.ToHexStringLower(sha));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private sealed record Batch(byte[][] Pngs, uint[] Crcs, byte[][] Hashes, string[] Labels, double[]? Morphometrics);
}
