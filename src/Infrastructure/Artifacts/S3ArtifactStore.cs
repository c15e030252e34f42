using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using DigitForge.Application.Common;
using DigitForge.Application.Tracking;
using Microsoft.Extensions.Options;

namespace DigitForge.Infrastructure.Artifacts;

/// <summary>
/// Artifacts as objects <c>&lt;prefix&gt;&lt;run id&gt;/&lt;path&gt;</c> in an S3-compatible bucket, shared by every
/// API replica and worker. An upload is spooled to a local temporary file first (hashed and counted against the
/// limit as it arrives), then sent in one PUT: S3 makes an object visible only once complete, so nobody ever reads a
/// half-written artifact, and an oversized or failed upload leaves the old object as it was. Reads are seekable
/// (<see cref="S3ObjectStream"/>), so HTTP Range requests on artifact downloads work as on the file system.
/// </summary>
public sealed class S3ArtifactStore(IAmazonS3 s3, IOptions<ArtifactStorageOptions> options) : IArtifactStore
{
    private readonly ArtifactStorageOptions _options = options.Value;

    public async Task<StoredArtifact> SaveAsync(string runId, string path, Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        string key = KeyOf(runId, path);
        string spool = Path.Combine(Path.GetTempPath(), $"digitforge-s3-{Guid.NewGuid():N}.part");
        try
        {
            StoredArtifact stored;
            await using (var file = new FileStream(spool, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                stored = await HashingCopy.CopyAsync(content, file, maxBytes, path, cancellationToken);

                file.Position = 0;
                await s3.PutObjectAsync(
                    new PutObjectRequest
                    {
                        BucketName = _options.Bucket,
                        Key = key,
                        InputStream = file,
                        AutoCloseStream = false,
                        // Local S3 servers store aws-chunked framing verbatim; a plain body with Content-Length works everywhere.
                        UseChunkEncoding = false,
                        ContentType = "application/octet-stream",
                    },
                    cancellationToken);
            }

            return stored;
        }
        finally
        {
            File.Delete(spool);
        }
    }

    public Stream? OpenRead(string runId, string path)
    {
        if (!ArtifactLocation.CanExist(runId, path))
        {
            return null;
        }

        string key = KeyOf(runId, path);
        try
        {
            // The interface is synchronous (callers open, then stream asynchronously); one HEAD gives the length for Range.
            var head = s3.GetObjectMetadataAsync(_options.Bucket, key).GetAwaiter().GetResult();
            return new S3ObjectStream(s3, _options.Bucket, key, head.ContentLength);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private string KeyOf(string runId, string path) => _options.Prefix + ArtifactLocation.RelativeKey(runId, path);
}
