namespace DigitForge.Domain.Mnist1D;

/// <summary>
/// Bytes an MNIST-1D generation needs, computed from its arguments alone so that a budget can be checked before
/// anything is allocated (issue 21, finding 1). The counts follow the allocations: the sample plan holds one
/// interpolation plan per padding length (an int and three doubles per dilated point), each worker a sampler with
/// about ten dilated-length buffers, the reference pipeline <c>3 x 2048</c> samples of draws, and reference mode the
/// raw and the shuffled signals (two N x L double arrays) with their labels.
/// </summary>
public static class Mnist1DFootprint
{
    private const long InterpolationBytesPerPoint = sizeof(int) + 3 * sizeof(double);
    private const long SamplerBuffers = 12;
    private const long PipelineSamples = 3 * 2048;
    private const long PipelineBytesPerPoint = 2 * (sizeof(double) + sizeof(int)) + 2 * sizeof(double);
    private const long ReferenceBytesPerSample = 4 * sizeof(long);
    private const long FixedBytes = 1L << 20;

    /// <summary>The sample plan and one sampler per worker: independent of the number of samples.</summary>
    public static long PlanBytes(Mnist1DArguments arguments, int workers)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        long dilated = Math.Max(0L, (long)arguments.TemplateLength + arguments.Padding.Max);
        long lengths = Math.Max(1L, (long)arguments.Padding.Max - arguments.Padding.Min + 1);
        long plans = Saturating(lengths, dilated * InterpolationBytesPerPoint);
        long knots = 2 * dilated * sizeof(double) + (long)Math.Max(0, arguments.FinalSequenceLength) * InterpolationBytesPerPoint;
        long samplers = Saturating(Math.Max(1, workers), dilated * SamplerBuffers * sizeof(double));
        return Add(Add(plans, knots), samplers);
    }

    /// <summary>The generated values themselves as float64 (x and x_test) plus int64 labels: the binary output's size.</summary>
    public static long DatasetBytes(Mnist1DArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        long samples = Math.Max(0, arguments.EffectiveSampleCount);
        long length = Math.Max(0, arguments.FinalSequenceLength);
        return Saturating(samples, Add(Saturating(length, sizeof(double)), sizeof(long)));
    }

    /// <summary>Working memory of one generation in <paramref name="mode"/>, on <paramref name="workers"/> threads.</summary>
    public static long WorkingBytes(Mnist1DArguments arguments, Mnist1DMode mode, int workers)
    {
        long plan = PlanBytes(arguments, workers);
        if (mode != Mnist1DMode.Reference)
        {
            return plan;
        }

        long dilated = Math.Max(0L, (long)arguments.TemplateLength + arguments.Padding.Max);
        long pipeline = Saturating(PipelineSamples, dilated * PipelineBytesPerPoint);
        // Besides the two copies: the raw labels, the row permutation and its scratch, and a little fixed overhead
        // (measured: Mnist1DFootprintTests).
        long perSample = Saturating(Math.Max(0, arguments.EffectiveSampleCount), ReferenceBytesPerSample);
        return Add(Add(Add(plan, pipeline), Saturating(2, DatasetBytes(arguments))), Add(perSample, FixedBytes));
    }

    private static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private static long Saturating(long a, long b) => a != 0 && b > long.MaxValue / a ? long.MaxValue : a * b;
}
