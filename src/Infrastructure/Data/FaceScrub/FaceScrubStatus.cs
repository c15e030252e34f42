using DigitForge.Application.DataSources;
using DigitForge.Infrastructure.Encoding;

namespace DigitForge.Infrastructure.Data.FaceScrub;

/// <summary>
/// What <c>data status</c> shows for an imported FaceScrub: train and test image counts read from the NPY headers
/// (the valid split is named in the origin). Unreadable or missing files read as not available.
/// </summary>
public static class FaceScrubStatus
{
    public static IEnumerable<DataSourceStatus> Of(string dataRoot)
    {
        string directory = FaceScrubImporter.Directory(dataRoot);
        var origins = OriginFile.Read(directory);
        foreach (var (split, name) in new[] { (DataSplit.Train, "train"), (DataSplit.Test, "test") })
        {
            string images = Path.Combine(directory, FaceScrubLayout.ImagesFile(name));
            int? count = Count(images, Path.Combine(directory, FaceScrubLayout.LabelsFile(name)));
            yield return new DataSourceStatus(FaceScrubLayout.Source, split, count is not null, count, count is null ? null : origins.GetValueOrDefault(split)?.ToString(), images);
        }
    }

    /// <summary>Images in a split when both files are whole and agree; null otherwise.</summary>
    private static int? Count(string images, string labels)
    {
        try
        {
            var imageHeader = ReadHeader(images, out long imageBytes);
            var labelHeader = ReadHeader(labels, out long labelBytes);
            bool whole = imageHeader.Shape.Count == 4 && imageHeader.Shape[1] == FaceScrubLayout.Side && imageHeader.Shape[2] == FaceScrubLayout.Side
                         && imageHeader.Shape[3] == FaceScrubLayout.Channels && imageBytes == imageHeader.DataLength
                         && labelHeader.Shape.Count == 1 && labelHeader.Shape[0] == imageHeader.Shape[0] && labelBytes == labelHeader.DataLength;
            return whole ? (int)imageHeader.Shape[0] : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null;
        }
    }

    private static NpyHeader ReadHeader(string path, out long dataBytes)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
        var header = NpyReader.ReadHeader(file);
        dataBytes = file.Length - file.Position;
        return header;
    }
}
