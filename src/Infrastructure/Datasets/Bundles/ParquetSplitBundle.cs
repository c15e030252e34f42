using System.Globalization;
using System.Text.Json;
using DigitForge.Application.Datasets;
using DigitForge.Application.Datasets.DownloadDataset;
using DigitForge.Domain.Datasets;
using Parquet;
using Parquet.Schema;

namespace DigitForge.Infrastructure.Datasets.Bundles;

/// <summary>
/// One split as a Parquet file in the Hugging Face datasets layout, the format the hub serves datasets in: the image
/// array as the <c>image</c> struct <c>{bytes: PNG, path: "&lt;split&gt;/&lt;index&gt;.png"}</c> (the datasets
/// <c>Image</c> feature's storage), a class label as <c>label</c> int64, every other array as a column named after it
/// (scalars as int64/float/double, rows of several values as lists: the <c>Sequence</c> feature). The key-value
/// metadata carries <c>huggingface</c> (the features) and <c>digitforge</c> (id, canonical spec with its source
/// origins, split, bundle version).
/// </summary>
/// <remarks>
/// Written in row groups of about <see cref="GroupBytes"/> of row data while the rows are generated: memory holds one
/// row group (Parquet.Net keeps a group's column chunks until the group ends) and the bytes not yet sent, never the split.
/// Parquet's footer comes last and its size is only known then, so there is no Content-Length or Range.
/// </remarks>
internal sealed class ParquetSplitBundle(ResolvedDataset dataset, IDatasetRows rows, int split, string fileName) : DatasetBundle
{
    public const string ContentTypeName = "application/vnd.apache.parquet";
    private const int GroupBytes = 8 * 1024 * 1024;

    public override string ContentType => ContentTypeName;

    public override string FileName => fileName;

    public override long? Length => null;

    /// <summary>Rows per row group for a layout: about 8 MB of row data, 64 to 10,000 rows.</summary>
    public static int RowsPerGroup(DatasetLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return Math.Clamp(GroupBytes / Math.Max(1, layout.RowBytes), 64, 10_000);
    }

    public override Stream OpenRead(CancellationToken cancellationToken) =>
        throw new NotSupportedException("A Parquet file's size is known only once written; use WriteToAsync.");

    public override async Task WriteToAsync(Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var layout = dataset.Layout;
        var columns = Columns(layout);
        var schema = new ParquetSchema(columns.Select(c => c.Field));
        var splitInfo = dataset.Definition.Splits[split];
        var buffer = new PendingBytesStream();
        await using (var writer = await ParquetWriter.CreateAsync(schema, buffer, cancellationToken: cancellationToken))
        {
            writer.CustomMetadata = new Dictionary<string, string>
            {
                ["huggingface"] = HuggingFaceFeatures(columns),
                ["digitforge"] = Provenance(splitInfo.Name),
            };
            int groupRows = RowsPerGroup(layout);
            var block = new RowBlock(layout, Math.Min(groupRows, Math.Max(1, splitInfo.Rows)));
            for (int first = 0; first < splitInfo.Rows; first += groupRows)
            {
                int count = Math.Min(groupRows, splitInfo.Rows - first);
                await Task.Run(() => RowBlockFiller.Fill(rows, split, first, count, block, cancellationToken), cancellationToken);
                using (var group = writer.CreateRowGroup())
                {
                    foreach (var column in columns)
                    {
                        await column.WriteAsync(group, block, splitInfo.Name, first, count, cancellationToken);
                    }
                }

                await buffer.DrainToAsync(destination, cancellationToken);
            }
        }

        await buffer.DrainToAsync(destination, cancellationToken);
    }

    private static List<ParquetColumn> Columns(DatasetLayout layout)
    {
        var columns = new List<ParquetColumn>();
        for (int index = 0; index < layout.Arrays.Count; index++)
        {
            var array = layout.Arrays[index];
            if (layout.Image is { } image && image.ArrayName == array.Name)
            {
                columns.Add(new ImageColumn());
            }
            else if (index == layout.LabelArrayIndex && layout.LabelKind == LabelKind.Class)
            {
                columns.Add(new ScalarColumn(index, "label", array.ElementType));
            }
            else if (array.RowElements == 1)
            {
                columns.Add(new ScalarColumn(index, array.Name, array.ElementType));
            }
            else
            {
                columns.Add(new ListColumn(index, array.Name, array.ElementType));
            }
        }

        return columns;
    }

    private static string HuggingFaceFeatures(List<ParquetColumn> columns)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteStartObject("info");
            json.WriteStartObject("features");
            foreach (var column in columns)
            {
                json.WritePropertyName(column.Field.Name);
                column.WriteFeature(json);
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private string Provenance(string splitName)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("id", dataset.Id);
            json.WritePropertyName("spec");
            json.WriteRawValue(dataset.CanonicalSpec);
            json.WriteString("split", splitName);
            json.WriteString("generator_version", dataset.Generator.Version);
            json.WriteString("bundle", BundleLayout.ParquetVersion);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string HfDtype(ElementType type) => type switch
    {
        ElementType.Float32 => "float32",
        ElementType.Float64 => "float64",
        _ => "int64",
    };

    private abstract class ParquetColumn
    {
        public abstract Field Field { get; }

        public abstract Task WriteAsync(ParquetRowGroupWriter group, RowBlock block, string split, int first, int count, CancellationToken cancellationToken);

        public abstract void WriteFeature(Utf8JsonWriter json);
    }

    /// <summary>The datasets <c>Image</c> feature: a struct of the PNG bytes and a path.</summary>
    private sealed class ImageColumn : ParquetColumn
    {
        private readonly DataField _bytes = new DataField<byte[]>("bytes");
        private readonly DataField _path = new DataField<string>("path");
        private StructField? _field;

        public override Field Field => _field ??= new StructField("image", _bytes, _path);

        public override async Task WriteAsync(ParquetRowGroupWriter group, RowBlock block, string split, int first, int count, CancellationToken cancellationToken)
        {
            var pngs = new byte[count][];
            Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, i => pngs[i] = RowImages.Png(block, i));
            string[] paths = [.. Enumerable.Range(first, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"{split}/{i}.png"))];
            await group.WriteAsync(_bytes, pngs, null);
            await group.WriteAsync(_path, paths, null);
        }

        public override void WriteFeature(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("_type", "Image");
            json.WriteEndObject();
        }
    }

    /// <summary>One value per row: integers widened to int64 (labels are int64 in the datasets layout).</summary>
    private sealed class ScalarColumn(int index, string name, ElementType type) : ParquetColumn
    {
        private readonly DataField _field = type switch
        {
            ElementType.Float32 => new DataField<float>(name),
            ElementType.Float64 => new DataField<double>(name),
            _ => new DataField<long>(name),
        };

        public override Field Field => _field;

        public override async Task WriteAsync(ParquetRowGroupWriter group, RowBlock block, string split, int first, int count, CancellationToken cancellationToken)
        {
            switch (type)
            {
                case ElementType.Float32:
                    await group.WriteAsync<float>(_field, block.Column<float>(index).AsMemory(0, count), cancellationToken: cancellationToken);
                    break;
                case ElementType.Float64:
                    await group.WriteAsync<double>(_field, block.Column<double>(index).AsMemory(0, count), cancellationToken: cancellationToken);
                    break;
                default:
                    await group.WriteAsync<long>(_field, Longs(block, index, count).AsMemory(), cancellationToken: cancellationToken);
                    break;
            }
        }

        public override void WriteFeature(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("dtype", HfDtype(type));
            json.WriteString("_type", "Value");
            json.WriteEndObject();
        }
    }

    /// <summary>Several values per row (MNIST-1D's x, a digit string's labels): a list per row, the <c>Sequence</c> feature.</summary>
    private sealed class ListColumn(int index, string name, ElementType type) : ParquetColumn
    {
        private readonly DataField _item = type switch
        {
            ElementType.Float32 => new DataField<float>("element"),
            ElementType.Float64 => new DataField<double>("element"),
            _ => new DataField<long>("element"),
        };

        private ListField? _field;

        public override Field Field => _field ??= new ListField(name, _item);

        public override async Task WriteAsync(ParquetRowGroupWriter group, RowBlock block, string split, int first, int count, CancellationToken cancellationToken)
        {
            int n = block.Layout.Arrays[index].RowElements;
            int total = count * n;
            // Repetition level 0 starts a row's list, 1 continues it; every element is present (maximum definition level).
            int[] repetition = new int[total];
            for (int i = 0; i < total; i++)
            {
                repetition[i] = i % n == 0 ? 0 : 1;
            }

            int[] definition = new int[total];
            Array.Fill(definition, _item.MaxDefinitionLevel);
            switch (type)
            {
                case ElementType.Float32:
                    await group.WriteAllPartsAsync<float>(_item, block.Column<float>(index).AsMemory(0, total), definition, repetition, cancellationToken);
                    break;
                case ElementType.Float64:
                    await group.WriteAllPartsAsync<double>(_item, block.Column<double>(index).AsMemory(0, total), definition, repetition, cancellationToken);
                    break;
                default:
                    await group.WriteAllPartsAsync<long>(_item, Longs(block, index, count).AsMemory(), definition, repetition, cancellationToken);
                    break;
            }
        }

        public override void WriteFeature(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteStartObject("feature");
            json.WriteString("dtype", HfDtype(type));
            json.WriteString("_type", "Value");
            json.WriteEndObject();
            json.WriteString("_type", "Sequence");
            json.WriteEndObject();
        }
    }

    private static long[] Longs(RowBlock block, int index, int count)
    {
        var array = block.Layout.Arrays[index];
        int total = count * array.RowElements;
        if (array.ElementType == ElementType.Int64)
        {
            return block.Column<long>(index)[..total];
        }

        byte[] bytes = block.Column<byte>(index);
        long[] values = new long[total];
        for (int i = 0; i < total; i++)
        {
            values[i] = bytes[i];
        }

        return values;
    }

    /// <summary>
    /// What Parquet.Net writes goes here (it writes synchronously too, which ASP.NET forbids on a response body); the
    /// bytes are sent on with <see cref="DrainToAsync"/> after each row group. Position counts everything written, as
    /// the writer needs for its offsets; the stream cannot seek.
    /// </summary>
    private sealed class PendingBytesStream : Stream
    {
        private readonly MemoryStream _pending = new();
        private long _position;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _position;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public async Task DrainToAsync(Stream destination, CancellationToken cancellationToken)
        {
            if (_pending.Length == 0)
            {
                return;
            }

            await destination.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken);
            await destination.FlushAsync(cancellationToken);
            _pending.SetLength(0);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            _pending.Write(buffer, offset, count);
            _position += count;
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _pending.Write(buffer);
            _position += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer, offset, count);
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _pending.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
