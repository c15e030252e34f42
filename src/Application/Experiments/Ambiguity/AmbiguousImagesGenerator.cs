using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DigitForge.Application.Tracking;
using DigitForge.Domain.Datasets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Application.Experiments.Ambiguity;

/// <summary>
/// The kept images of a <c>gasten-ambiguity</c> run as a dataset (<c>gasten-ambiguous</c>), so the rows API, bundles and
/// the gallery serve them like any other: one split <c>kept</c>, row i = the i-th kept image, with <c>x</c> (the
/// generator's output in [-1, 1]), <c>image</c> (the same as 0..255 pixels), <c>c</c> = C(x), the classifier's penultimate
/// <c>embedding</c>, the latent <c>z</c>, the <c>index</c> among the N generated images and the best clustering's
/// <c>cluster</c> (the label; -1 = noise, HDBSCAN only). The rows are the run's <c>ambiguous/*.npy</c> artifacts.
/// </summary>
/// <remarks>
/// Content-addressed: the spec names the run and <c>digest</c>, the SHA-256 over the artifacts' own SHA-256s
/// (<see cref="Digest"/>), so the dataset id changes if the files ever do, and a spec whose digest no longer matches is
/// refused rather than served other rows. The run registers the dataset itself (param <c>kept_dataset</c>).
/// </remarks>
public sealed class AmbiguousImagesGenerator(IServiceScopeFactory scopes) : IDatasetGenerator
{
    public const string GeneratorName = "gasten-ambiguous";
    public const string RunParameter = "run";
    public const string DigestParameter = "digest";
    public const string WidthParameter = "embedding_width";
    public const string ZDimParameter = "z_dim";
    public const string KeptSplit = "kept";
    public const int Side = 28;

    /// <summary>The artifacts the rows come from, in digest order.</summary>
    public static readonly IReadOnlyList<string> Files =
        ["ambiguous/images.npy", "ambiguous/c.npy", "ambiguous/embeddings.npy", "ambiguous/z.npy", "ambiguous/index.npy", "ambiguous/clusters.npy"];

    public string Name => GeneratorName;

    public string Description => "The kept (ambiguous) images of a gasten-ambiguity run: x in [-1, 1], C(x), the classifier's embedding, z, the generated index and the cluster (label).";

    public string Version => "1.0.0";

    public IReadOnlyList<GeneratorParameter> Parameters { get; } =
    [
        GeneratorParameter.Text(RunParameter, string.Empty, "A finished gasten-ambiguity run."),
        GeneratorParameter.Text(DigestParameter, string.Empty, "SHA-256 over its ambiguous/*.npy artifacts (the run's kept_dataset spec carries it)."),
        GeneratorParameter.Integer(WidthParameter, 392, 1, 1_000_000, "Width of the classifier embedding."),
        GeneratorParameter.Integer(ZDimParameter, 64, 1, 100_000, "Width of the latent vector z."),
    ];

    public IReadOnlyList<string> SplitNames { get; } = [KeptSplit];

    public IReadOnlyList<DatasetSplit> DefaultSplits { get; } = [new(KeptSplit, 0)];

    public ulong DefaultSeed => 0;

    /// <summary>Every kept image of the run (0 rows when the run has no kept set).</summary>
    public IReadOnlyList<DatasetSplit> DefaultSplitsFor(ParameterValues parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return Inspect(parameters.GetString(RunParameter)) is { Error: null } found ? [new(KeptSplit, found.Rows)] : DefaultSplits;
    }

    public IReadOnlyList<DatasetSpecError> Validate(DatasetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var p = definition.Parameters;
        var found = Inspect(p.GetString(RunParameter));
        if (found.Error is { } error)
        {
            return [new DatasetSpecError(DatasetSpecError.ParameterField(RunParameter), error)];
        }

        var errors = new List<DatasetSpecError>();
        string digest = p.GetString(DigestParameter).Trim().ToLowerInvariant();
        if (digest != found.Digest)
        {
            errors.Add(new DatasetSpecError(DatasetSpecError.ParameterField(DigestParameter),
                $"must be the SHA-256 of run {p.GetString(RunParameter)}'s kept set, {found.Digest}{(digest.Length == 0 ? string.Empty : $", not {digest}")} (the content id depends on it)."));
        }

        if (p.GetInt32(WidthParameter) != found.Width)
        {
            errors.Add(new DatasetSpecError(DatasetSpecError.ParameterField(WidthParameter), $"the run's embeddings are {found.Width} wide, not {p.GetInt32(WidthParameter)}."));
        }

        if (p.GetInt32(ZDimParameter) != found.ZDim)
        {
            errors.Add(new DatasetSpecError(DatasetSpecError.ParameterField(ZDimParameter), $"the run's z is {found.ZDim} wide, not {p.GetInt32(ZDimParameter)}."));
        }

        foreach (var split in definition.Splits.Where(s => s.Rows > found.Rows))
        {
            errors.Add(new DatasetSpecError(DatasetSpecError.SplitField(split.Name), $"the run kept {found.Rows:N0} images, fewer than the {split.Rows:N0} asked for."));
        }

        return errors;
    }

    public DatasetLayout Describe(DatasetDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new(
            [
                new DatasetArray("x", ElementType.Float32, [Side, Side], "The generated image in [-1, 1] (-1 = background), as the classifier saw it."),
                new DatasetArray("image", ElementType.UInt8, [Side, Side], "The same image as pixels, round((x + 1) / 2 · 255)."),
                new DatasetArray("c", ElementType.Float32, [], "C(x), the classifier's probability of the pos class."),
                new DatasetArray("embedding", ElementType.Float32, [definition.Parameters.GetInt32(WidthParameter)], "The classifier's penultimate features (what was clustered)."),
                new DatasetArray("z", ElementType.Float32, [definition.Parameters.GetInt32(ZDimParameter)], "The latent vector the generator turned into x."),
                new DatasetArray("index", ElementType.Int64, [], "Its index among the run's N generated images."),
                new DatasetArray("cluster", ElementType.Int64, [], "Its cluster in the best clustering; -1 = noise (HDBSCAN)."),
            ],
            [],
            "cluster",
            LabelKind.Class,
            new ImageView("image", Side, Side));
    }

    public IReadOnlyList<SourceImagesKey> RequiredSources(DatasetDefinition definition) => [];

    public IDatasetRows Open(DatasetDefinition definition, GeneratorInputs inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = Validate(definition);
        if (errors.Count > 0)
        {
            throw new DatasetSpecException(errors);
        }

        string run = definition.Parameters.GetString(RunParameter);
        using var scope = scopes.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<IArtifactStore>();
        float[] Read(string path)
        {
            using var stream = store.OpenRead(run, path)
                ?? throw new DatasetSpecException([new DatasetSpecError(DatasetSpecError.ParameterField(RunParameter), $"the file of artifact {path} is missing from the artifact store.")]);
            return FloatNpy.Read(stream).Data;
        }

        var arrays = Files.Select(Read).ToArray();
        return new Rows(Describe(definition), definition, arrays[0], arrays[1], arrays[2], arrays[3], arrays[4], arrays[5]);
    }

    /// <summary>The canonical-to-be spec of run <paramref name="runId"/>'s kept set (every row); throws when it has none.</summary>
    public string KeptSpec(string runId)
    {
        var found = Inspect(runId);
        if (found.Error is { } error)
        {
            throw new InvalidOperationException(error);
        }

        return new System.Text.Json.Nodes.JsonObject
        {
            ["generator"] = GeneratorName,
            ["parameters"] = new System.Text.Json.Nodes.JsonObject
            {
                [RunParameter] = runId,
                [DigestParameter] = found.Digest,
                [WidthParameter] = found.Width,
                [ZDimParameter] = found.ZDim,
            },
            ["splits"] = new System.Text.Json.Nodes.JsonObject { [KeptSplit] = found.Rows },
        }.ToJsonString();
    }

    /// <summary>The digest of a kept set: SHA-256 of "path sha256\n" for each of <see cref="Files"/> in order, lower-case hex.</summary>
    public static string Digest(IReadOnlyDictionary<string, string> sha256ByPath)
    {
        ArgumentNullException.ThrowIfNull(sha256ByPath);
        var text = new StringBuilder();
        foreach (string path in Files)
        {
            text.Append(CultureInfo.InvariantCulture, $"{path} {sha256ByPath[path]}\n");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The run's kept set as recorded: rows, widths and digest, or what is wrong.</summary>
    private KeptSet Inspect(string runId)
    {
        runId = (runId ?? string.Empty).Trim();
        if (runId.Length == 0)
        {
            return KeptSet.Failed("give the id of a finished gasten-ambiguity run.");
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ITrackingDbContext>();
        var artifacts = db.Artifacts.AsNoTracking().Where(a => a.RunId == runId && a.Path.StartsWith("ambiguous/")).ToList()
            .ToDictionary(a => a.Path, a => a.Sha256, StringComparer.Ordinal);
        var missing = Files.Where(f => !artifacts.ContainsKey(f)).ToList();
        if (missing.Count > 0)
        {
            bool exists = db.Runs.AsNoTracking().Any(r => r.Id == runId);
            return KeptSet.Failed(exists
                ? $"run '{runId}' has no kept set ({string.Join(", ", missing)} missing): it is not a finished gasten-ambiguity run."
                : $"run '{runId}' does not exist.");
        }

        var store = scope.ServiceProvider.GetRequiredService<IArtifactStore>();
        int[] Shape(string path)
        {
            using var stream = store.OpenRead(runId, path);
            return stream is null ? [] : FloatNpy.ReadShape(stream);
        }

        int[] embeddings = Shape("ambiguous/embeddings.npy");
        int[] z = Shape("ambiguous/z.npy");
        if (embeddings.Length != 2 || z.Length != 2)
        {
            return KeptSet.Failed($"run '{runId}''s ambiguous/embeddings.npy or z.npy is missing from the artifact store or not a matrix.");
        }

        return new KeptSet(embeddings[0], embeddings[1], z[1], Digest(artifacts), null);
    }

    private sealed record KeptSet(int Rows, int Width, int ZDim, string Digest, string? Error)
    {
        public static KeptSet Failed(string error) => new(0, 0, 0, string.Empty, error);
    }

    private sealed class Rows(DatasetLayout layout, DatasetDefinition definition, float[] x, float[] c, float[] embeddings, float[] z, float[] index, float[] clusters) : IDatasetRows
    {
        private readonly int _width = layout.Arrays[3].RowElements;
        private readonly int _zDim = layout.Arrays[4].RowElements;

        public DatasetLayout Layout => layout;

        public IReadOnlyList<DatasetSplit> Splits => definition.Splits;

        public long MemoryCost => 4L * (x.Length + c.Length + embeddings.Length + z.Length + index.Length + clusters.Length);

        public int RowsPerTask => 1024;

        public void WriteRows(int split, int firstRow, int count, RowBlock block, int blockRow)
        {
            const int pixels = Side * Side;
            for (int r = 0; r < count; r++)
            {
                int i = firstRow + r;
                int row = blockRow + r;
                var image = x.AsSpan(i * pixels, pixels);
                if (block.HasColumn(0))
                {
                    image.CopyTo(block.Row<float>(0, row));
                }

                if (block.HasColumn(1))
                {
                    var bytes = block.Row<byte>(1, row);
                    for (int p = 0; p < pixels; p++)
                    {
                        bytes[p] = (byte)Math.Clamp(MathF.Round((image[p] + 1f) * 0.5f * 255f), 0f, 255f);
                    }
                }

                if (block.HasColumn(2))
                {
                    block.Column<float>(2)[row] = c[i];
                }

                if (block.HasColumn(3))
                {
                    embeddings.AsSpan(i * _width, _width).CopyTo(block.Row<float>(3, row));
                }

                if (block.HasColumn(4))
                {
                    z.AsSpan(i * _zDim, _zDim).CopyTo(block.Row<float>(4, row));
                }

                if (block.HasColumn(5))
                {
                    block.Column<long>(5)[row] = (long)index[i];
                }

                if (block.HasColumn(6))
                {
                    block.Column<long>(6)[row] = (long)clusters[i];
                }
            }
        }

        public ReadOnlyMemory<byte> Extra(string name) => throw new KeyNotFoundException(name);
    }
}
