using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using DigitForge.Application.DataSources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DigitForge.Infrastructure.Data;

/// <summary>
/// Downloads the four .gz files of MNIST or Fashion-MNIST into <c>&lt;data&gt;/&lt;source&gt;/</c> and stores them
/// decompressed. Each file is streamed to a temp file, checked (size, SHA-256, decompressed size, IDX header) and only
/// then renamed into place; a failing mirror (HTTP error, timeout, truncation, wrong checksum) hands over to the next.
/// </summary>
public sealed class MnistDownloader
{
    private const int BufferSize = 1 << 16;

    private readonly HttpClient _httpClient;
    private readonly MnistDownloadOptions _options;
    private readonly string _dataRoot;
    private readonly ILogger<MnistDownloader> _logger;

    public MnistDownloader(
        HttpClient httpClient,
        IOptions<MnistDownloadOptions> options,
        IOptions<DataDirectoryOptions> dataDirectory,
        ILogger<MnistDownloader> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dataDirectory);
        ArgumentNullException.ThrowIfNull(logger);
        _httpClient = httpClient;
        _options = options.Value;
        _dataRoot = DataDirectory.Resolve(dataDirectory.Value);
        _logger = logger;
    }

    /// <summary>
    /// Downloads what is missing (valid files already present are kept) and records the origin of each split that
    /// got new files. Throws <see cref="DataDownloadException"/> listing every mirror's failure for the first file
    /// that no mirror could deliver.
    /// </summary>
    public async Task<DownloadReport> DownloadAsync(
        string source = KnownSources.Mnist,
        IProgress<DownloadProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        string name = KnownSources.Validate(source);
        if (KnownSources.IsArchive(name))
        {
            throw new ArgumentException($"{name} comes as one archive: download it with ArchiveDownloader (`digitforge data download --source {name}` picks it).", nameof(source));
        }

        string directory = DataDirectory.SourceDirectory(_dataRoot, name);
        Directory.CreateDirectory(directory);
        IReadOnlyList<Uri> mirrors = _options.MirrorsFor(name);

        var files = new List<DownloadedFile>();
        foreach (IdxFileSpec spec in _options.FilesFor(name))
        {
            files.Add(await DownloadFileAsync(spec, directory, mirrors, progress, cancellationToken));
        }

        await RecordOriginsAsync(directory, files, cancellationToken);
        return new DownloadReport(name, directory, files);
    }

    private async Task<DownloadedFile> DownloadFileAsync(
        IdxFileSpec spec,
        string directory,
        IReadOnlyList<Uri> mirrors,
        IProgress<DownloadProgress>? progress,
        CancellationToken cancellationToken)
    {
        string target = Path.Combine(directory, spec.Name);
        if (IsPresent(target, spec))
        {
            _logger.LogDebug("{File} is already present, not downloading it", target);
            return new DownloadedFile(spec.Name, target, null, AlreadyPresent: true);
        }

        var failures = new List<MirrorFailure>();
        foreach (Uri mirror in mirrors)
        {
            string? failure = await TryMirrorAsync(spec, mirror, target, progress, cancellationToken);
            if (failure is null)
            {
                _logger.LogInformation("Downloaded {File} from {Mirror}", spec.GzipName, mirror);
                return new DownloadedFile(spec.Name, target, mirror, AlreadyPresent: false);
            }

            _logger.LogWarning("Mirror {Mirror} failed for {File}: {Reason}", mirror, spec.GzipName, failure);
            failures.Add(new MirrorFailure(mirror, failure));
        }

        throw new DataDownloadException(spec.GzipName, failures);
    }

    /// <returns>Null on success (the target is in place), else why this mirror failed.</returns>
    private async Task<string?> TryMirrorAsync(
        IdxFileSpec spec, Uri mirror, string target, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        string tempGzip = AtomicFile.TempPathFor(target + IdxFileNames.GzipExtension);
        string tempRaw = AtomicFile.TempPathFor(target);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var phase = new Phase();
        try
        {
            string? failure = await FetchAsync(spec, mirror, tempGzip, progress, timeout, phase, cancellationToken)
                ?? await DecompressAsync(spec, tempGzip, tempRaw, cancellationToken);
            if (failure is null)
            {
                File.Move(tempRaw, target, overwrite: true);
            }

            return failure;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return phase.ReceivingBody
                ? $"no data received for {_options.StallTimeout.TotalSeconds:0.#} s"
                : $"no response within {_options.ResponseTimeout.TotalSeconds:0.#} s";
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidDataException)
        {
            return ex.Message;
        }
        finally
        {
            AtomicFile.TryDelete(tempGzip);
            AtomicFile.TryDelete(tempRaw);
        }
    }

    private async Task<string?> FetchAsync(
        IdxFileSpec spec,
        Uri mirror,
        string tempGzip,
        IProgress<DownloadProgress>? progress,
        CancellationTokenSource timeout,
        Phase phase,
        CancellationToken cancellationToken)
    {
        timeout.CancelAfter(_options.ResponseTimeout);
        using HttpResponseMessage response = await _httpClient.GetAsync(
            new Uri(mirror, spec.GzipName), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            return $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }

        if (response.Content.Headers.ContentLength is long announced && announced != spec.GzipSize)
        {
            return $"server announces {announced} bytes, expected {spec.GzipSize}";
        }

        phase.ReceivingBody = true;
        await using Stream body = await response.Content.ReadAsStreamAsync(timeout.Token);
        return await VerifiedBody.CopyAsync(body, tempGzip, spec.GzipName, spec.GzipSize, spec.Sha256, mirror, timeout, _options.StallTimeout, progress, cancellationToken);
    }

    private static async Task<string?> DecompressAsync(
        IdxFileSpec spec, string tempGzip, string tempRaw, CancellationToken cancellationToken)
    {
        byte[] header = new byte[IdxHeader.ImagesHeaderLength];
        int headerBytes = 0;
        long written = 0;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            await using var input = new FileStream(
                tempGzip, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous);
            await using var gzip = new GZipStream(input, CompressionMode.Decompress);
            await using FileStream output = AtomicFile.CreateTemp(tempRaw);
            int read;
            while ((read = await gzip.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                written += read;
                if (written > spec.RawSize)
                {
                    return $"decompresses to more than the expected {spec.RawSize} bytes";
                }

                int take = Math.Min(read, header.Length - headerBytes);
                buffer.AsSpan(0, take).CopyTo(header.AsSpan(headerBytes));
                headerBytes += take;
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            await output.FlushAsync(cancellationToken);
            output.Flush(flushToDisk: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (written != spec.RawSize)
        {
            return $"decompresses to {written} bytes, expected {spec.RawSize}";
        }

        IdxHeader parsed = IdxHeader.Parse(header.AsSpan(0, headerBytes), KindOf(spec), spec.Name);
        return parsed.FileLength == spec.RawSize
            ? null
            : $"IDX header describes {parsed.FileLength} bytes, expected {spec.RawSize}";
    }

    private static bool IsPresent(string path, IdxFileSpec spec)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length != spec.RawSize)
        {
            return false;
        }

        try
        {
            IdxReader.ReadHeader(path, KindOf(spec));
            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static IdxKind KindOf(IdxFileSpec spec) =>
        IdxFileNames.TryParse(spec.Name, out _, out IdxKind kind)
            ? kind
            : throw new ArgumentException($"'{spec.Name}' is not an official IDX file name.", nameof(spec));

    private static async Task RecordOriginsAsync(
        string directory, IReadOnlyList<DownloadedFile> files, CancellationToken cancellationToken)
    {
        foreach (DataSplit split in Enum.GetValues<DataSplit>())
        {
            Uri[] mirrors =
            [
                .. files
                    .Where(file => file.Mirror is not null && IdxFileNames.TryParse(file.Name, out DataSplit s, out _) && s == split)
                    .Select(file => file.Mirror!)
                    .Distinct(),
            ];
            if (mirrors.Length > 0)
            {
                await OriginFile.RecordAsync(
                    directory, [split], DataOrigin.Now($"download from {string.Join(", ", mirrors.Select(m => m.ToString()))}"), cancellationToken);
            }
        }
    }

    /// <summary>Which timer was running when the linked token fired: a mutable box because async methods take no refs.</summary>
    private sealed class Phase
    {
        public bool ReceivingBody { get; set; }
    }
}
