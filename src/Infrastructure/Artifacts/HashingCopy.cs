using System.Security.Cryptography;
using DigitForge.Application.Common;
using DigitForge.Application.Tracking;

namespace DigitForge.Infrastructure.Artifacts;

/// <summary>The upload step both artifact stores share: copy while hashing and counting, refusing past the limit.</summary>
internal static class HashingCopy
{
    public static async Task<StoredArtifact> CopyAsync(Stream content, Stream target, long maxBytes, string path, CancellationToken cancellationToken)
    {
        long size = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            size += read;
            if (size > maxBytes)
            {
                throw new PayloadTooLargeException($"Artifacts are limited to {maxBytes:N0} bytes; the upload of '{path}' was larger.");
            }

            hash.AppendData(buffer, 0, read);
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return new StoredArtifact(size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
