namespace DigitForge.Infrastructure.Artifacts;

/// <summary>
/// <c>DigitForge:Artifacts</c>: where run artifacts (checkpoints, job logs, results) are kept. The default is the data
/// directory (one machine); <c>s3</c> puts them in an S3-compatible bucket that every API replica and worker shares.
/// </summary>
public sealed class ArtifactStorageOptions
{
    public const string SectionName = "DigitForge:Artifacts";

    /// <summary><c>filesystem</c> (default) or <c>s3</c>.</summary>
    public string Store { get; set; } = "filesystem";

    /// <summary>The S3 endpoint, e.g. <c>http://minio:9000</c>; empty for AWS itself (then <see cref="Region"/> picks it).</summary>
    public string? ServiceUrl { get; set; }

    public string Bucket { get; set; } = "digitforge";

    /// <summary>Key prefix inside the bucket, so that several installations can share one.</summary>
    public string Prefix { get; set; } = "artifacts/";

    public string Region { get; set; } = "us-east-1";

    /// <summary>Credentials; empty uses the SDK's chain (environment, profile, instance role).</summary>
    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Path-style addressing (<c>host/bucket/key</c>): MinIO and most self-hosted servers need it.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>Create the bucket at start when it does not exist (convenient for MinIO; off for managed buckets).</summary>
    public bool CreateBucket { get; set; }

    public bool IsS3 => string.Equals(Store, "s3", StringComparison.OrdinalIgnoreCase);
}
