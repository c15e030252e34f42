using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using DigitForge.Application.Tracking;
using DigitForge.Infrastructure.Artifacts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

public static class ArtifactStorageServiceCollectionExtensions
{
    /// <summary>The artifact store <c>DigitForge:Artifacts:Store</c> names: the data directory (default) or an S3 bucket.</summary>
    public static IHostApplicationBuilder AddArtifactStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(ArtifactStorageOptions.SectionName);
        builder.Services.Configure<ArtifactStorageOptions>(section);
        var settings = section.Get<ArtifactStorageOptions>() ?? new ArtifactStorageOptions();
        if (!settings.IsS3)
        {
            if (!string.Equals(settings.Store, "filesystem", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"{ArtifactStorageOptions.SectionName}:Store must be 'filesystem' or 's3'; got '{settings.Store}'.");
            }

            builder.Services.AddSingleton<IArtifactStore, FileSystemArtifactStore>();
            return builder;
        }

        builder.Services.AddSingleton<IAmazonS3>(sp => CreateClient(sp.GetRequiredService<IOptions<ArtifactStorageOptions>>().Value));
        builder.Services.AddSingleton<IArtifactStore, S3ArtifactStore>();
        builder.Services.AddHostedService<S3BucketInitializer>();
        return builder;
    }

    internal static AmazonS3Client CreateClient(ArtifactStorageOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            AuthenticationRegion = options.Region,
            // Checksums only where S3 requires them: self-hosted servers reject the SDK 4 default trailers.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.ServiceURL = options.ServiceUrl;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }

        return string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }

    /// <summary>Creates the bucket at start when asked to (<see cref="ArtifactStorageOptions.CreateBucket"/>).</summary>
    private sealed class S3BucketInitializer(IAmazonS3 s3, IOptions<ArtifactStorageOptions> options) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var settings = options.Value;
            if (!settings.CreateBucket)
            {
                return;
            }

            try
            {
                // A plain listing: every S3-compatible server has it (not all have the bucket-existence helpers' calls).
                await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = settings.Bucket, MaxKeys = 1 }, cancellationToken);
            }
            catch (AmazonS3Exception ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                try
                {
                    await s3.PutBucketAsync(settings.Bucket, cancellationToken);
                }
                catch (AmazonS3Exception race) when (race.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
                {
                    // Another replica created it first.
                }
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
