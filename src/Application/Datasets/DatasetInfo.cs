using System.Text.Json;
using DigitForge.Application.Datasets.DownloadDataset;
using DigitForge.Domain.Datasets;

namespace DigitForge.Application.Datasets;

/// <summary>What <c>POST /api/datasets</c>, <c>GET /api/datasets/{id}</c> and the CLI report about a dataset.</summary>
/// <param name="Id">Content id: SHA-256 of <paramref name="Spec"/>.</param>
/// <param name="Spec">The canonical spec, defaults filled in.</param>
/// <param name="Generator">Generator name, version and description.</param>
/// <param name="Splits">Split names and row counts.</param>
/// <param name="Arrays">Per-row arrays: name, NumPy dtype, shape of one row.</param>
/// <param name="Extras">Whole-dataset arrays.</param>
/// <param name="Label">Which array is the label and how it reads.</param>
/// <param name="Image">The image array and its size, or null for 1-D data.</param>
/// <param name="Files">Every downloadable file with its size where known up front.</param>
public sealed record DatasetInfo(
    string Id,
    JsonElement Spec,
    GeneratorRef Generator,
    IReadOnlyList<DatasetSplit> Splits,
    IReadOnlyList<ArrayInfo> Arrays,
    IReadOnlyList<ExtraInfo> Extras,
    LabelInfo Label,
    ImageView? Image,
    IReadOnlyList<BundleFile> Files)
{
    public static DatasetInfo From(ResolvedDataset dataset, IReadOnlyList<BundleFile> files)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var layout = dataset.Layout;
        using var spec = JsonDocument.Parse(dataset.CanonicalSpec);
        return new DatasetInfo(
            dataset.Id,
            spec.RootElement.Clone(),
            new GeneratorRef(dataset.Generator.Name, dataset.Generator.Version, dataset.Generator.Description),
            dataset.Definition.Splits,
            [.. layout.Arrays.Select(a => new ArrayInfo(a.Name, ElementTypeInfo.NumPyName(a.ElementType), a.RowShape, a.Description))],
            [.. layout.Extras.Select(e => e.Lines is { } lines
                ? new ExtraInfo(e.Name, $"<U{Math.Max(1, lines.Select(l => l.EnumerateRunes().Count()).DefaultIfEmpty(0).Max())}", [lines.Count], e.Description)
                : new ExtraInfo(e.Name, ElementTypeInfo.NumPyName(e.ElementType), e.Shape, e.Description))],
            new LabelInfo(layout.LabelArray.Name, layout.LabelKind == LabelKind.Class ? "class" : "digit-string"),
            layout.Image,
            files);
    }
}

public sealed record GeneratorRef(string Name, string Version, string Description);

public sealed record ArrayInfo(string Name, string Dtype, IReadOnlyList<int> RowShape, string Description);

public sealed record ExtraInfo(string Name, string Dtype, IReadOnlyList<int> Shape, string Description);

/// <param name="Array">The label array.</param>
/// <param name="Kind"><c>class</c> (one integer) or <c>digit-string</c> (digits read left to right).</param>
public sealed record LabelInfo(string Array, string Kind);
