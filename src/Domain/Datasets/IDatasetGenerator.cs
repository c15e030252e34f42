namespace DigitForge.Domain.Datasets;

/// <summary>
/// A named dataset generator. It declares its parameters, splits and output layout, checks definitions, and opens
/// them for random access. Register one and it appears in the API listing, the UI form, the CLI and every bundle format.
/// </summary>
/// <remarks>
/// Implementations are stateless singletons. Row i must depend only on (definition, version, i): draw randomness from
/// <c>KeyedRandom.For(seed, DatasetRowKey.For(split, i))</c> or an equivalent keyed scheme, never from shared state.
/// </remarks>
public interface IDatasetGenerator
{
    /// <summary>Lower-case name used in specs, e.g. <c>mnist1d</c>.</summary>
    string Name { get; }

    /// <summary>One line for listings and help.</summary>
    string Description { get; }

    /// <summary>
    /// Semantic version of the output (TFDS rules): bump the major version whenever the same definition would give
    /// different rows. Part of every dataset's content id.
    /// </summary>
    string Version { get; }

    IReadOnlyList<GeneratorParameter> Parameters { get; }

    /// <summary>The split names a spec may use.</summary>
    IReadOnlyList<string> SplitNames { get; }

    /// <summary>Splits used when a spec gives none.</summary>
    IReadOnlyList<DatasetSplit> DefaultSplits { get; }

    ulong DefaultSeed { get; }

    /// <summary>
    /// Splits used when a spec gives none, for these parameters: for generators whose split sizes follow from their
    /// parameters (spirals: clusters x points per cluster). <see cref="DefaultSplits"/> unless overridden.
    /// </summary>
    IReadOnlyList<DatasetSplit> DefaultSplitsFor(ParameterValues parameters) => DefaultSplits;

    /// <summary>
    /// Splits used when a spec gives none, given how many source images the data directory holds per
    /// <see cref="SourceImagesKey"/> (null: unknown or missing). Generators whose row i is source image i override it to
    /// shrink their defaults to what is there (an offline MNIST import has 8,004 train and 1,996 test digits, not
    /// 60,000 and 10,000), so a spec without splits works wherever the source is present.
    /// </summary>
    IReadOnlyList<DatasetSplit> DefaultSplitsFor(ParameterValues parameters, Func<SourceImagesKey, int?> availableImages) => DefaultSplitsFor(parameters);

    /// <summary>
    /// Splits used when a spec gives none, given also the images per class of each source split (null: unknown or
    /// missing), for generators whose split sizes follow from the labels (a two-class subset). The count-based overload
    /// unless overridden; callers ask for class counts only through this function, so other generators never load images.
    /// </summary>
    IReadOnlyList<DatasetSplit> DefaultSplitsFor(
        ParameterValues parameters, Func<SourceImagesKey, int?> availableImages, Func<SourceImagesKey, IReadOnlyList<int>?> classCounts) =>
        DefaultSplitsFor(parameters, availableImages);

    /// <summary>Largest seed the generator accepts (MNIST-1D's reference mode takes 32-bit seeds).</summary>
    ulong MaxSeed => ulong.MaxValue;

    /// <summary>
    /// The rules beyond each parameter's own bounds (cross-field checks, split sizes, seed); errors name spec fields
    /// such as <c>parameters.padding</c> or <c>splits.train</c>. Empty when the definition can be generated.
    /// </summary>
    IReadOnlyList<DatasetSpecError> Validate(DatasetDefinition definition);

    /// <summary>The arrays every row of a valid definition holds.</summary>
    DatasetLayout Describe(DatasetDefinition definition);

    /// <summary>Source images <see cref="Open"/> needs; empty for synthetic generators.</summary>
    IReadOnlyList<SourceImagesKey> RequiredSources(DatasetDefinition definition);

    /// <summary>
    /// Whether <see cref="Open"/> has to generate the whole dataset up front (a sequential reference algorithm): such
    /// datasets are size-limited and cached by the caller.
    /// </summary>
    bool Materialises(DatasetDefinition definition) => false;

    /// <summary>
    /// The memory <see cref="Open"/> needs for a valid definition, by the field that drives each part, known before
    /// anything is allocated. The default: a materialising generator holds every row twice (generated and shuffled);
    /// others hold a row block at a time, which the rows and bundle paths bound themselves.
    /// </summary>
    IReadOnlyList<WorkingMemory> WorkingMemory(DatasetDefinition definition) =>
        Materialises(definition)
            ? [new WorkingMemory(2 * definition.TotalRows * Describe(definition).RowBytes, "splits")]
            : [];

    /// <summary>
    /// Opens a valid definition for random access. Throws <see cref="DatasetSpecException"/> when the inputs cannot
    /// serve it (e.g. fewer source images than rows asked for).
    /// </summary>
    IDatasetRows Open(DatasetDefinition definition, GeneratorInputs inputs, CancellationToken cancellationToken = default);
}
