namespace DigitForge.Application.Mnist1D;

/// <summary>Limits for MNIST-1D requests, bound from configuration section <c>DigitForge:Mnist1D</c>.</summary>
public sealed class Mnist1DOptions
{
    public const string SectionName = "DigitForge:Mnist1D";

    /// <summary>
    /// Most samples (<c>num_samples</c>) one request may generate. Reference mode holds the whole dataset in memory
    /// (about 2 x 320 bytes per sample at the default 40 points while it is shuffled), so this bounds memory per request.
    /// </summary>
    public int MaxSamples { get; set; } = 1_000_000;

    /// <summary>
    /// Most bytes one generation may hold in memory (issue 21, finding 1): the sample plan and the samplers
    /// (<c>template_len</c>, <c>padding</c>), and in reference mode the whole dataset twice while it is shuffled. The
    /// default admits the reference mode at MaxSamples with the default 40 points (about 680 MB).
    /// </summary>
    public long MaxWorkingBytes { get; set; } = 768L << 20;

    /// <summary>Most bytes of generated values (float64 signals and int64 labels) one response may carry; JSON is about three times this.</summary>
    public long MaxOutputBytes { get; set; } = 1L << 30;

    /// <summary>Most signals one plot may draw (<c>count</c>).</summary>
    public int MaxPlotSignals { get; set; } = 100;
}
