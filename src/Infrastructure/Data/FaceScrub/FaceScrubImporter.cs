using System.Globalization;
using DigitForge.Application.DataSources;
using DigitForge.Infrastructure.Encoding;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DigitForge.Infrastructure.Data.FaceScrub;

/// <summary>
/// Imports a user's FaceScrub folder (<see cref="FaceScrubLayout"/>): the folder is scanned and checked first, then
/// each kept identity's faces are decoded in order and streamed into the three splits' NPY files (sizes known from
/// the scan, so memory holds one image at a time, not 50,429 x 30 KB); each file is renamed into place only when every
/// image has decoded, so a bad file leaves the previous import untouched.
/// </summary>
public sealed class FaceScrubImporter
{
    private readonly string _dataRoot;
    private readonly ILogger<FaceScrubImporter> _logger;

    public FaceScrubImporter(IOptions<DataDirectoryOptions> dataDirectory, ILogger<FaceScrubImporter> logger)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        ArgumentNullException.ThrowIfNull(logger);
        _dataRoot = DataDirectory.Resolve(dataDirectory.Value);
        _logger = logger;
    }

    /// <summary>The folder the import writes (<c>&lt;data&gt;/facescrub</c>).</summary>
    public static string Directory(string dataRoot) => Path.Combine(dataRoot, FaceScrubLayout.Source);

    public async Task<ImportReport> ImportAsync(string folder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        string full = Path.GetFullPath(folder);
        var identities = FaceScrubFolder.Scan(full);
        int dropped = FaceScrubFolder.Dropped(full, identities);
        var counts = identities.Select(i => FaceScrubLayout.SplitCounts(i.Files.Count)).ToList();
        int[] totals =
        [
            counts.Sum(c => c.Train),
            counts.Sum(c => c.Valid),
            counts.Sum(c => c.Test),
        ];

        string target = Directory(_dataRoot);
        System.IO.Directory.CreateDirectory(target);
        var temps = new List<string>();
        var outputs = new List<(FileStream File, NpyStreamWriter Npy)>();
        try
        {
            for (int s = 0; s < FaceScrubLayout.Splits.Count; s++)
            {
                string temp = AtomicFile.TempPathFor(Path.Combine(target, FaceScrubLayout.ImagesFile(FaceScrubLayout.Splits[s])));
                temps.Add(temp);
                var file = AtomicFile.CreateTemp(temp);
                outputs.Add((file, new NpyStreamWriter(file, NpyDType.UInt8, [totals[s], FaceScrubLayout.Side, FaceScrubLayout.Side, FaceScrubLayout.Channels], leaveOpen: true)));
            }

            var labels = totals.Select(t => new ushort[t]).ToArray();
            var written = new int[3];
            var image = new byte[FaceScrubLayout.ImageBytes];
            for (int c = 0; c < identities.Count; c++)
            {
                var identity = identities[c];
                var (train, valid, _) = counts[c];
                for (int i = 0; i < identity.Files.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    FaceScrubJpeg.Decode(identity.Files[i], image);
                    int split = i < train ? 0 : i < train + valid ? 1 : 2;
                    outputs[split].Npy.WriteBytes(image);
                    labels[split][written[split]++] = checked((ushort)identity.Label);
                }
            }

            foreach (var (file, npy) in outputs)
            {
                await npy.CompleteAsync(cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
                await file.DisposeAsync();
            }

            outputs.Clear();
            for (int s = 0; s < FaceScrubLayout.Splits.Count; s++)
            {
                string split = FaceScrubLayout.Splits[s];
                await AtomicFile.WriteAsync(Path.Combine(target, FaceScrubLayout.LabelsFile(split)), async (stream, ct) =>
                {
                    await using var npy = new NpyStreamWriter(stream, NpyDType.UInt16, [labels[s].Length], leaveOpen: true);
                    npy.Write<ushort>(labels[s]);
                    await npy.CompleteAsync(ct);
                }, cancellationToken);
                File.Move(temps[s], Path.Combine(target, FaceScrubLayout.ImagesFile(split)), overwrite: true);
            }

            var origin = DataOrigin.Now(string.Create(CultureInfo.InvariantCulture,
                $"FaceScrub folder {full}: {identities.Count} identities with >= {FaceScrubLayout.MinImagesPerIdentity} images ({dropped} smaller ones left out), train {totals[0]} / valid {totals[1]} / test {totals[2]}"));
            await OriginFile.RecordAsync(target, [DataSplit.Train, DataSplit.Test], origin, cancellationToken);
            _logger.LogInformation("Imported FaceScrub ({Identities} identities: {Train} train, {Valid} valid, {Test} test) into {Directory}", identities.Count, totals[0], totals[1], totals[2], target);
            return new ImportReport(FaceScrubLayout.Source, target, origin,
            [
                new ImportedSplit(DataSplit.Train, totals[0], FaceScrubLayout.Side, FaceScrubLayout.Side),
                new ImportedSplit(DataSplit.Test, totals[2], FaceScrubLayout.Side, FaceScrubLayout.Side),
            ]);
        }
        finally
        {
            foreach (var (file, npy) in outputs)
            {
                npy.Dispose();
                await file.DisposeAsync();
            }

            temps.ForEach(AtomicFile.TryDelete);
        }
    }
}
