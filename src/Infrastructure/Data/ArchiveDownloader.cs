using System.Buffers;
using System.Security.Cryptography;
using DigitForge.Application.DataSources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DigitForge.Infrastructure.Data;

/// <summary>
/// Downloads a one-archive source (CIFAR-10's cifar-10-binary.tar.gz, EMNIST's gzip.zip) from the configured mirrors
/// into a temp file in <c>&lt;data&gt;/&lt;source&gt;/</c>, checks its size and SHA-256, then stores its content with
/// <see cref="ArchiveImporter"/> (atomic per file) and deletes the archive. A failing mirror (HTTP error, timeout,
/// truncation, wrong checksum, unreadable archive) hands over to the next.
/// </summary>
public sealed class ArchiveDownloader
{
    private readonly HttpClient _httpClient;
    private readonly MnistDownloadOptions _options;
    private readonly ArchiveImporter _importer;
    private readonly IdxDigitSource _digits;
    private readonly string _dataRoot;
    private readonly ILogger<ArchiveDownloader> _logger;

    public ArchiveDownloader(
        HttpClient httpClient,
        IOptions<MnistDownloadOptions> options,
        IOptions<DataDirectoryOptions> dataDirectory,
        ArchiveImporter importer,
        IdxDigitSource digits,
        ILogger<ArchiveDownloader> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dataDirectory);
        ArgumentNullException.ThrowIfNull(importer);
        ArgumentNullException.ThrowIfNull(digits);
        ArgumentNullException.ThrowIfNull(logger);
        _httpClient = httpClient;
        _options = options.Value;
        _importer = importer;
        _digits = digits;
        _dataRoot = DataDirectory.Resolve(dataDirectory.Value);
        _logger = logger;
    }

    /// <summary>
    /// Downloads and stores <paramref name="source"/> unless both splits are already present. Throws
    /// <see cref="DataDownloadException"/> listing every mirror's failure when none delivered.
    /// </summary>
    public async Task<DownloadReport> DownloadAsync(string source, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        string name = KnownSources.Validate(source);
        ArchiveFileSpec spec = _options.ArchiveFor(name);
        string directory = DataDirectory.SourceDirectory(_dataRoot, name);
        Directory.CreateDirectory(directory);
        if (_digits.Status().Count(s => s.Source == name && s.Available) == 2)
        {
            return new DownloadReport(name, directory, [new DownloadedFile(spec.FileName, directory, null, AlreadyPresent: true)]);
        }

        var failures = new List<MirrorFailure>();
        foreach (Uri mirror in _options.ArchiveMirrorsFor(name))
        {
            string temp = AtomicFile.TempPathFor(Path.Combine(directory, spec.FileName));
            try
            {
                string? failure = await FetchAsync(spec, mirror, temp, progress, cancellationToken);
                if (failure is null)
                {
                    var origin = DataOrigin.Now($"download from {mirror}");
                    _ = name == KnownSources.Cifar10
                        ? await _importer.ImportCifarAsync(temp, origin, cancellationToken)
                        : await _importer.ImportEmnistAsync(temp, origin, cancellationToken);
                    _digits.Invalidate();
                    _logger.LogInformation("Downloaded {File} from {Mirror}", spec.FileName, mirror);
                    return new DownloadReport(name, directory, [new DownloadedFile(spec.FileName, directory, mirror, AlreadyPresent: false)]);
                }

                failures.Add(new MirrorFailure(mirror, failure));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failures.Add(new MirrorFailure(mirror, $"no data within {_options.StallTimeout.TotalSeconds:0.#} s"));
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidDataException)
            {
                failures.Add(new MirrorFailure(mirror, ex.Message));
            }
            finally
            {
                AtomicFile.TryDelete(temp);
            }

            _logger.LogWarning("Mirror {Mirror} failed for {File}: {Reason}", mirror, spec.FileName, failures[^1].Reason);
        }

        throw new DataDownloadException(spec.FileName, failures);
    }

    /// <returns>Null when the archive is in <paramref name="temp"/> with the right size and SHA-256, else why not.</returns>
    private async Task<string?> FetchAsync(ArchiveFileSpec spec, Uri mirror, string temp, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ResponseTimeout);
        using HttpResponseMessage response = await _httpClient.GetAsync(new Uri(mirror, spec.FileName), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            return $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }

        if (response.Content.Headers.ContentLength is long announced && announced != spec.Size)
        {
            return $"server announces {announced} bytes, expected {spec.Size}";
        }

        await using Stream body = await response.Content.ReadAsStreamAsync(timeout.Token);
        return await VerifiedBody.CopyAsync(body, temp, spec.FileName, spec.Size, spec.Sha256, mirror, timeout, _options.StallTimeout, progress, cancellationToken);
    }
}
