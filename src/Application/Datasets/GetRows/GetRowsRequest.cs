using Mediator;

namespace DigitForge.Application.Datasets.GetRows;

/// <summary>Rows [<paramref name="Offset"/>, <paramref name="Offset"/> + <paramref name="Length"/>) of a split (default: the first), generated on demand.</summary>
public sealed record GetRowsRequest(string Id, string? Split, int Offset, int Length) : IRequest<RowsPage>;

/// <summary>One row's image as an 8-bit PNG (the bytes the zip bundle holds for it).</summary>
public sealed record GetRowImageRequest(string Id, string Split, int Index) : IRequest<RowImage>;

/// <summary>A row's PNG and the dataset it belongs to (its id names the content).</summary>
public sealed record RowImage(string DatasetId, byte[] Png);
