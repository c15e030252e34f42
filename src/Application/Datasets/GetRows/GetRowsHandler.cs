using DigitForge.Application.Common;
using DigitForge.Domain.Datasets;
using Mediator;
using Microsoft.Extensions.Options;

namespace DigitForge.Application.Datasets.GetRows;

/// <summary>
/// Random access to rows: a page of at most <see cref="DatasetOptions.MaxRowsPerPage"/> rows from any offset, or one
/// row. Only the asked-for rows are generated, so the millionth row costs what the first does.
/// </summary>
public sealed class GetRowsHandler(DatasetCatalog catalog, DatasetInstances instances, IOptions<DatasetOptions> options, IRowImageEncoder images)
    : IRequestHandler<GetRowsRequest, RowsPage>, IRequestHandler<GetRowImageRequest, RowImage>
{
    public async ValueTask<RowsPage> Handle(GetRowsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await HandleAsync(request.Id, request.Split, request.Offset, request.Length, cancellationToken);
    }

    public async ValueTask<RowImage> Handle(GetRowImageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var row = await GetRowAsync(request.Id, request.Split, request.Index, imageOnly: true, cancellationToken);
        return new RowImage(row.Dataset.Id, images.Png(row.Block, 0));
    }

    public async Task<RowsPage> HandleAsync(string id, string? split, int offset, int length, CancellationToken cancellationToken = default)
    {
        var dataset = await catalog.GetAsync(id, cancellationToken);
        int splitIndex = dataset.RequireSplit(split ?? dataset.Definition.Splits[0].Name);
        int total = dataset.Definition.Splits[splitIndex].Rows;
        int max = options.Value.MaxRowsPerPage;
        var errors = new List<ValidationError>();
        if (offset < 0)
        {
            errors.Add(new ValidationError("offset", $"Must be 0 or more, got {offset}."));
        }
        else if (offset > total)
        {
            errors.Add(new ValidationError("offset", $"Split {dataset.Definition.Splits[splitIndex].Name} has {total:N0} rows; offset {offset:N0} is past its end."));
        }

        if (length < 1 || length > max)
        {
            errors.Add(new ValidationError("length", $"Must be from 1 to {max}, got {length}."));
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        int count = Math.Min(length, total - offset);
        var rows = new List<DatasetRow>(count);
        if (count > 0)
        {
            var block = await GenerateAsync(dataset, splitIndex, offset, count, cancellationToken);
            var layout = dataset.Layout;
            for (int i = 0; i < count; i++)
            {
                object label = layout.LabelKind == LabelKind.Class ? RowLabels.Class(block, i) : RowLabels.Text(block, i);
                rows.Add(new DatasetRow(offset + i, label, layout.Image is null ? Values(block, i) : null));
            }
        }

        return new RowsPage(dataset, dataset.Definition.Splits[splitIndex].Name, offset, length, total, rows);
    }

    /// <summary>Row <paramref name="index"/> of <paramref name="split"/>; a 400 naming <c>index</c> when out of range.</summary>
    /// <param name="imageOnly">Refuse (400 before generating anything) when the rows are not images.</param>
    public async Task<RowData> GetRowAsync(string id, string split, int index, bool imageOnly = false, CancellationToken cancellationToken = default)
    {
        var dataset = await catalog.GetAsync(id, cancellationToken);
        if (imageOnly && dataset.Layout.Image is null)
        {
            throw new RequestValidationException("split", $"'{dataset.Generator.Name}' rows are not images; read their values from the rows API.");
        }

        int splitIndex = dataset.RequireSplit(split);
        int total = dataset.Definition.Splits[splitIndex].Rows;
        if (index < 0 || index >= total)
        {
            throw new RequestValidationException("index", $"Split {split} has rows 0 to {total - 1}, got {index}.");
        }

        return new RowData(dataset, split, index, await GenerateAsync(dataset, splitIndex, index, 1, cancellationToken));
    }

    private async Task<RowBlock> GenerateAsync(ResolvedDataset dataset, int split, int first, int count, CancellationToken cancellationToken)
    {
        var rows = await instances.OpenAsync(dataset, cancellationToken);
        var block = new RowBlock(dataset.Layout, count);
        await Task.Run(() => RowBlockFiller.Fill(rows, split, first, count, block, cancellationToken), cancellationToken);
        return block;
    }

    private static double[] Values(RowBlock block, int row)
    {
        int index = block.Layout.LabelArrayIndex == 0 ? 1 : 0;
        return block.Layout.Arrays[index].ElementType switch
        {
            ElementType.Float64 => block.Row<double>(index, row).ToArray(),
            ElementType.Float32 => [.. block.Row<float>(index, row).ToArray().Select(v => (double)v)],
            ElementType.Int64 => [.. block.Row<long>(index, row).ToArray().Select(v => (double)v)],
            _ => [.. block.Row<byte>(index, row).ToArray().Select(v => (double)v)],
        };
    }
}
