using System.Text.Json;
using System.Text.Json.Serialization;
using DigitForge.Application.Datasets;
using DigitForge.Application.Datasets.DownloadDataset;
using DigitForge.Application.Datasets.GetRows;
using DigitForge.Domain.Datasets;
using Microsoft.AspNetCore.WebUtilities;

namespace DigitForge.Api.Endpoints;

/// <summary><c>GET /api/datasets/{id}</c>: the dataset's metadata with the URLs of its downloads and rows.</summary>
public sealed record DatasetResponse(
    string Id,
    JsonElement Spec,
    GeneratorRef Generator,
    IReadOnlyList<DatasetSplit> Splits,
    IReadOnlyList<ArrayInfo> Arrays,
    IReadOnlyList<ExtraInfo> Extras,
    LabelInfo Label,
    ImageView? Image,
    IReadOnlyList<DownloadLink> Files,
    DatasetLinks Links)
{
    public static DatasetResponse From(DatasetInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        string self = DatasetUrls.Dataset(info.Id);
        return new DatasetResponse(
            info.Id,
            info.Spec,
            info.Generator,
            info.Splits,
            info.Arrays,
            info.Extras,
            info.Label,
            info.Image,
            [.. info.Files.Select(f => new DownloadLink(f.Format.ToString().ToLowerInvariant(), f.Split, f.Array, f.FileName, f.Size, DatasetUrls.Download(info.Id, f)))],
            new DatasetLinks(self, self + "/rows", DatasetUrls.Download(info.Id, info.Files[0])));
    }
}

/// <param name="Format">npz, npy or zip.</param>
/// <param name="Split">The split of an npy file.</param>
/// <param name="Array">The array of an npy file.</param>
/// <param name="FileName">Suggested file name.</param>
/// <param name="Size">Bytes, known before generation for npz and npy; null for zip.</param>
/// <param name="Url">Where to download it (Range supported when the size is known).</param>
public sealed record DownloadLink(string Format, string? Split, string? Array, string FileName, long? Size, string Url);

public sealed record DatasetLinks(string Self, string Rows, string Download);

/// <summary>
/// <c>GET /api/datasets/{id}/rows</c>, shaped like the Hugging Face dataset viewer's <c>/rows</c>: features, rows with
/// <c>row_idx</c> and <c>row</c>, <c>num_rows_total</c>, <c>num_rows_per_page</c> and <c>partial</c>.
/// </summary>
public sealed record RowsResponse(
    [property: JsonPropertyName("dataset")] string Dataset,
    [property: JsonPropertyName("split")] string Split,
    [property: JsonPropertyName("features")] IReadOnlyList<RowFeature> Features,
    [property: JsonPropertyName("rows")] IReadOnlyList<RowItem> Rows,
    [property: JsonPropertyName("num_rows_total")] int NumRowsTotal,
    [property: JsonPropertyName("num_rows_per_page")] int NumRowsPerPage,
    [property: JsonPropertyName("partial")] bool Partial)
{
    public static RowsResponse From(RowsPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var layout = page.Dataset.Layout;
        string id = page.Dataset.Id;
        var label = new RowFeature(1, "label", layout.LabelKind == LabelKind.Class
            ? new Dictionary<string, object> { ["_type"] = "ClassLabel" }
            : new Dictionary<string, object> { ["_type"] = "Value", ["dtype"] = "string" });
        RowFeature data;
        if (layout.Image is { } image)
        {
            data = new RowFeature(0, "image", new Dictionary<string, object> { ["_type"] = "Image" });
        }
        else
        {
            var values = layout.Arrays[layout.LabelArrayIndex == 0 ? 1 : 0];
            data = new RowFeature(0, values.Name, new Dictionary<string, object>
            {
                ["_type"] = "Sequence",
                ["feature"] = new Dictionary<string, object> { ["_type"] = "Value", ["dtype"] = ElementTypeInfo.NumPyName(values.ElementType) },
                ["length"] = values.RowElements,
            });
        }

        var rows = page.Rows.Select(r =>
        {
            var cells = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (layout.Image is { } view)
            {
                cells["image"] = new ImageCell(DatasetUrls.RowImage(id, page.Split, r.Index), view.Height, view.Width);
            }
            else
            {
                cells[data.Name] = r.Values;
            }

            cells["label"] = r.Label;
            return new RowItem(r.Index, cells, []);
        }).ToList();
        return new RowsResponse(id, page.Split, [data, label], rows, page.Total, page.Length, false);
    }
}

public sealed record RowFeature(
    [property: JsonPropertyName("feature_idx")] int FeatureIdx,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] IReadOnlyDictionary<string, object> Type);

public sealed record RowItem(
    [property: JsonPropertyName("row_idx")] int RowIdx,
    [property: JsonPropertyName("row")] IReadOnlyDictionary<string, object?> Row,
    [property: JsonPropertyName("truncated_cells")] IReadOnlyList<string> TruncatedCells);

/// <summary>An image cell: its PNG's URL rather than inline bytes, so rows stay small and images cacheable.</summary>
public sealed record ImageCell(
    [property: JsonPropertyName("src")] string Src,
    [property: JsonPropertyName("height")] int Height,
    [property: JsonPropertyName("width")] int Width);

/// <summary>The URLs of a dataset's resources (relative, so they work behind any host name).</summary>
public static class DatasetUrls
{
    public static string Dataset(string id) => $"/api/datasets/{id}";

    public static string RowImage(string id, string split, int index) =>
        $"/api/datasets/{id}/rows/{Uri.EscapeDataString(split)}/{index}.png";

    public static string Download(string id, BundleFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var query = new Dictionary<string, string?> { ["format"] = file.Format.ToString().ToLowerInvariant() };
        if (file.Format == BundleFormat.Npy)
        {
            query["split"] = file.Split;
            query["array"] = file.Array;
        }
        else if (file.Format == BundleFormat.Parquet)
        {
            query["split"] = file.Split;
        }

        return QueryHelpers.AddQueryString($"/api/datasets/{id}/download", query);
    }
}
