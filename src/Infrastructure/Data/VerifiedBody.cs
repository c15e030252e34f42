using DigitForge.Application.DataSources;
using System.Buffers;
using System.Security.Cryptography;

namespace DigitForge.Infrastructure.Data;

/// <summary>
/// The body of a mirror's response copied to a temporary file while its size and SHA-256 are checked, with progress.
/// Shared by every downloader so that the rules (exact size, stall timeout, checksum) are the same for all sources.
/// </summary>
internal static class VerifiedBody
{
    private const int BufferSize = 1 << 16;

    /// <summary>
    /// Copies <paramref name="body"/> to <paramref name="tempPath"/>; returns null when it has exactly
    /// <paramref name="expectedSize"/> bytes with SHA-256 <paramref name="sha256"/>, else why not (the mirror's fault).
    /// <paramref name="timeout"/> is re-armed with <paramref name="stallTimeout"/> before every read.
    /// </summary>
    public static async Task<string?> CopyAsync(
        Stream body,
        string tempPath,
        string fileName,
        long expectedSize,
        string sha256,
        Uri mirror,
        CancellationTokenSource timeout,
        TimeSpan stallTimeout,
        IProgress<DownloadProgress>? progress,
        CancellationToken cancellationToken)
    {
        await using FileStream file = AtomicFile.CreateTemp(tempPath);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long done = 0;
            progress?.Report(new DownloadProgress(fileName, 0, expectedSize, mirror));
            while (true)
            {
                // Re-arming per read turns the timer into a stall detector: slow but steady downloads may go on.
                timeout.CancelAfter(stallTimeout);
                int read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), timeout.Token);
                if (read == 0)
                {
                    break;
                }

                done += read;
                if (done > expectedSize)
                {
                    return $"sent more than the expected {expectedSize} bytes";
                }

                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                progress?.Report(new DownloadProgress(fileName, done, expectedSize, mirror));
            }

            if (done != expectedSize)
            {
                return $"truncated: received {done} of {expectedSize} bytes";
            }

            string actual = Convert.ToHexStringLower(hash.GetHashAndReset());
            return string.Equals(actual, sha256, StringComparison.OrdinalIgnoreCase)
                ? null
                : $"SHA-256 mismatch: got {actual}, expected {sha256}";
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
