namespace DigitForge.Application.DataSources;

/// <summary>Progress of one file's download from one mirror.</summary>
/// <param name="File">The .gz file name, e.g. "train-images-idx3-ubyte.gz".</param>
/// <param name="BytesDone">Bytes received so far from <paramref name="Mirror"/> (restarts at 0 on the next mirror).</param>
/// <param name="TotalBytes">Expected size of the .gz file.</param>
/// <param name="Mirror">The mirror's base address.</param>
public readonly record struct DownloadProgress(string File, long BytesDone, long TotalBytes, Uri Mirror);
