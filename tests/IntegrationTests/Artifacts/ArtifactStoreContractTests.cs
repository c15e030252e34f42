using System.Security.Cryptography;
using DigitForge.Application.Common;
using DigitForge.Application.Experiments.Gasten;
using DigitForge.Application.Tracking;
using DigitForge.Infrastructure.Artifacts;
using DigitForge.Infrastructure.Data;
using DigitForge.Infrastructure.Persistence;
using DigitForge.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DigitForge.IntegrationTests.Artifacts;

/// <summary>One S3-compatible server (npm s3rver) for the contract tests.</summary>
public sealed class S3ServerFixture : IDisposable
{
    public S3Server? Server { get; } = S3Server.Start();

    public void Dispose() => Server?.Dispose();
}

/// <summary>
/// The artifact store contract, held by both implementations: the data directory (one machine) and an S3 bucket
/// (several replicas and workers): what is saved reads back byte for byte with its SHA-256, reads seek (HTTP Range),
/// an oversized upload is refused and leaves the previous object untouched, a missing object is null, and a path that
/// would leave the run is refused before any storage is touched.
/// </summary>
public sealed class ArtifactStoreContractTests(S3ServerFixture s3) : IClassFixture<S3ServerFixture>, IDisposable
{
    private const string RunId = "0123456789abcdef0123456789abcdef";
    private readonly TempDirectory _dataDir = new();

    public static TheoryData<string> Stores => new() { "filesystem", "s3" };

    [SkippableTheory]
    [MemberData(nameof(Stores))]
    public async Task Saved_bytes_read_back_with_their_hash_and_reads_seek(string kind)
    {
        var store = await CreateAsync(kind);
        byte[] bytes = RandomNumberGenerator.GetBytes(300_000);

        var stored = await store.SaveAsync(RunId, "checkpoints/epoch-0001/generator.pt", new MemoryStream(bytes), 1_000_000, CancellationToken.None);

        Assert.Equal(bytes.LongLength, stored.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), stored.Sha256);
        await using var read = store.OpenRead(RunId, "checkpoints/epoch-0001/generator.pt");
        Assert.NotNull(read);
        Assert.True(read.CanSeek);
        Assert.Equal(bytes.LongLength, read.Length);
        read.Seek(250_000, SeekOrigin.Begin);
        var tail = new MemoryStream();
        await read.CopyToAsync(tail);
        Assert.Equal(bytes[250_000..], tail.ToArray());
        read.Seek(0, SeekOrigin.Begin);
        var all = new MemoryStream();
        await read.CopyToAsync(all);
        Assert.Equal(bytes, all.ToArray());
    }

    [SkippableTheory]
    [MemberData(nameof(Stores))]
    public async Task An_oversized_upload_is_refused_and_the_previous_object_stays(string kind)
    {
        var store = await CreateAsync(kind);
        byte[] good = [1, 2, 3, 4];
        await store.SaveAsync(RunId, "logs/job.log", new MemoryStream(good), 10, CancellationToken.None);

        await Assert.ThrowsAsync<PayloadTooLargeException>(() =>
            store.SaveAsync(RunId, "logs/job.log", new MemoryStream(new byte[11]), 10, CancellationToken.None));

        await using var read = store.OpenRead(RunId, "logs/job.log");
        var copy = new MemoryStream();
        await read!.CopyToAsync(copy);
        Assert.Equal(good, copy.ToArray());
    }

    [SkippableTheory]
    [MemberData(nameof(Stores))]
    public async Task Missing_objects_and_ill_formed_locations_read_as_null_and_escaping_writes_are_refused(string kind)
    {
        var store = await CreateAsync(kind);

        Assert.Null(store.OpenRead(RunId, "nothing/here.bin"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(RunId, "../other-run/x", new MemoryStream([1]), 10, CancellationToken.None));
        Assert.Null(store.OpenRead("not-a-run-id", "x"));
        Assert.Null(store.OpenRead(RunId, "../x"));
    }

    public void Dispose() => _dataDir.Dispose();

    [SkippableTheory]
    [MemberData(nameof(Stores))]
    public async Task A_gasten_cache_file_made_on_one_machine_is_fetched_by_another(string kind)
    {
        var store = await CreateAsync(kind);
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        var made = new GastenCache(first.Path, "npm", store);
        var elsewhere = new GastenCache(second.Path, "npm", store);
        byte[] network = RandomNumberGenerator.GetBytes(50_000);
        Directory.CreateDirectory(made.Directory);
        await File.WriteAllBytesAsync(made.PathOf("digit-features-v1.mnist.npm.60000.pt"), network);

        Assert.False(elsewhere.TryFetch("digit-features-v1.mnist.npm.60000.pt"));
        await made.ShareAsync("digit-features-v1.mnist.npm.60000.pt", CancellationToken.None);

        Assert.True(elsewhere.TryFetch("digit-features-v1.mnist.npm.60000.pt"));
        Assert.Equal(network, await File.ReadAllBytesAsync(elsewhere.PathOf("digit-features-v1.mnist.npm.60000.pt")));
        Assert.False(new GastenCache(second.Path, "npm").TryFetch("fid-stats.digit-cnn-v1.mnist.npm.7v1.12000.json"));
    }

    private async Task<IArtifactStore> CreateAsync(string kind)
    {
        if (kind == "filesystem")
        {
            var configuration = new ConfigurationBuilder().Build();
            return new FileSystemArtifactStore(new TrackingDatabase(configuration, Options.Create(new DataDirectoryOptions { DataDir = _dataDir.Path })));
        }

        Skip.If(s3.Server is null, S3Server.SkipReason);
        var options = new ArtifactStorageOptions
        {
            Store = "s3",
            ServiceUrl = s3.Server!.ServiceUrl,
            Bucket = "contract-" + Guid.NewGuid().ToString("N")[..12],
            AccessKey = "S3RVER",
            SecretKey = "S3RVER",
        };
        var client = ArtifactStorageServiceCollectionExtensions.CreateClient(options);
        await client.PutBucketAsync(options.Bucket);
        return new S3ArtifactStore(client, Options.Create(options));
    }
}
