namespace DigitForge.Application.Datasets;

/// <summary>Dataset limits, bound from configuration section <c>DigitForge:Datasets</c>.</summary>
public sealed class DatasetOptions
{
    public const string SectionName = "DigitForge:Datasets";

    /// <summary>Most rows one dataset may have over all its splits.</summary>
    public int MaxRows { get; set; } = 2_000_000;

    /// <summary>Most rows a generator that must generate everything up front (MNIST-1D reference mode) may be asked for.</summary>
    public int MaxMaterialisedRows { get; set; } = 200_000;

    /// <summary>
    /// Most bytes a generator may need in memory to open one dataset (issue 21, finding 1): MNIST-1D's sample plan,
    /// and the whole dataset for generators that materialise it. Checked when a spec is resolved.
    /// </summary>
    public long MaxWorkingBytes { get; set; } = 768L << 20;

    /// <summary>Most bytes of row data (rows x row bytes over all splits) one dataset may have; its bundles stream it.</summary>
    public long MaxOutputBytes { get; set; } = 4L << 30;

    /// <summary>Most rows one rows-API page may return (the Hugging Face viewer's 100).</summary>
    public int MaxRowsPerPage { get; set; } = 100;

    /// <summary>Most dataset specs this server stores; creating another is refused (429) until some are deleted.</summary>
    public int MaxStoredDatasets { get; set; } = 10_000;

    /// <summary>Most bundle downloads streaming at once; more are refused with 429.</summary>
    public int MaxConcurrentStreams { get; set; } = 4;

    /// <summary>Most of those one client may hold (its remote address over HTTP).</summary>
    public int MaxStreamsPerClient { get; set; } = 2;

    /// <summary>Most bytes opened datasets may keep in memory (reference MNIST-1D sets); least recently used go first.</summary>
    public long MaxCachedBytes { get; set; } = 512L * 1024 * 1024;
}
