namespace DigitForge.Domain.Datasets;

/// <summary>Default splits of generators whose row i of a split is source image i, fitted to the images at hand.</summary>
public static class SourceBoundSplits
{
    /// <summary>
    /// Each default split capped at the number of images its source split holds (train from train, every other split
    /// from test), after <paramref name="reserved"/> images per split (e.g. a validation hold-out); unknown counts leave
    /// the default as it is, so a missing source still fails with the message that says how to get it.
    /// </summary>
    public static IReadOnlyList<DatasetSplit> Fit(
        IReadOnlyList<DatasetSplit> defaults, string source, Func<SourceImagesKey, int?> availableImages, Func<string, int>? reserved = null)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(availableImages);
        return [.. defaults.Select(split => availableImages(SourceImagesKey.ForSplit(source, split.Name)) is { } available
            ? split with { Rows = Math.Clamp(available - (reserved?.Invoke(split.Name) ?? 0), 0, split.Rows) }
            : split)];
    }
}
