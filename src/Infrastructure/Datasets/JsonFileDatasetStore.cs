using DigitForge.Application.Datasets;
using DigitForge.Application.Datasets.Specs;
using DigitForge.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace DigitForge.Infrastructure.Datasets;

/// <summary>
/// Dataset specs as files: <c>&lt;data dir&gt;/datasets/&lt;id&gt;.json</c> holding the canonical spec, written
/// atomically. Content addressing makes writes idempotent, so concurrent saves of one id cannot disagree.
/// </summary>
public sealed class JsonFileDatasetStore(IOptions<DataDirectoryOptions> dataDirectory) : IDatasetStore
{
    public const string FolderName = "datasets";

    public string Directory { get; } = Path.Combine(DataDirectory.Resolve(dataDirectory.Value), FolderName);

    public async Task SaveAsync(string id, string canonicalSpec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(canonicalSpec);
        string path = PathOf(id);
        if (File.Exists(path))
        {
            return;
        }

        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(canonicalSpec);
        await AtomicFile.WriteAsync(path, (stream, ct) => stream.WriteAsync(bytes, ct).AsTask(), cancellationToken);
    }

    public async Task<string?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        try
        {
            return await File.ReadAllTextAsync(PathOf(id), System.Text.Encoding.UTF8, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task<int> CountAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(System.IO.Directory.Exists(Directory) ? System.IO.Directory.EnumerateFiles(Directory, "*.json").Count() : 0);

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        string path = PathOf(id);
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }

        File.Delete(path);
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<StoredDataset>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return Task.FromResult<IReadOnlyList<StoredDataset>>([]);
        }

        IReadOnlyList<StoredDataset> stored = [.. new DirectoryInfo(Directory).EnumerateFiles("*.json")
            .Where(f => CanonicalSpec.IsContentId(Path.GetFileNameWithoutExtension(f.Name)))
            .Select(f => new StoredDataset(Path.GetFileNameWithoutExtension(f.Name), new DateTimeOffset(f.CreationTimeUtc, TimeSpan.Zero)))];
        return Task.FromResult(stored);
    }

    private string PathOf(string id) => CanonicalSpec.IsContentId(id)
        ? Path.Combine(Directory, id + ".json")
        : throw new ArgumentException($"'{id}' is not a dataset content id.", nameof(id));
}
