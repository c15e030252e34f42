using DigitForge.Domain.Randomness;
using DigitForge.Domain.Signal;

namespace DigitForge.Domain.Mnist1D;

/// <summary>
/// <see cref="Mnist1DMode.Reference"/>: the reference's <c>make_dataset(args)</c> step for step on NumPy's legacy
/// stream. With default arguments it reproduces the published <c>mnist1d_data.pkl</c> (labels and <c>t</c> exactly,
/// x to ~1e-15). The stream is consumed sequentially with data-dependent rejection steps, so this mode cannot be
/// parallelised or started at a given row; use <see cref="Mnist1DKeyedGenerator"/> for that.
/// </summary>
public static class Mnist1DReferenceGenerator
{
    /// <summary>Generates the whole dataset; <paramref name="progress"/> receives the number of samples done so far.</summary>
    public static Mnist1DDataset Generate(
        Mnist1DArguments arguments,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default) =>
        Generate(arguments, Mnist1DTemplates.Default, trace: null, kernel: null, progress, cancellationToken);

    /// <summary>As <see cref="Generate(Mnist1DArguments, IProgress{int}?, CancellationToken)"/>; <paramref name="trace"/>
    /// receives each sample's draws and the number of 32-bit words it consumed, in generation (class-major) order;
    /// <paramref name="kernel"/> replaces the Gaussian kernel (see <see cref="Mnist1DSamplePlan"/>).</summary>
    internal static Mnist1DDataset Generate(
        Mnist1DArguments arguments,
        Mnist1DTemplates templates,
        List<(Mnist1DSampleDraws Draws, long Words)>? trace,
        double[]? kernel,
        IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        arguments.EnsureValid();
        int perClass = arguments.NumSamples / templates.Count;
        int total = perClass * templates.Count;
        int length = arguments.FinalSequenceLength;

        // set_seed(args.seed); Python's random is seeded too but make_dataset never draws from it.
        var random = new NumPyLegacyRandom((uint)arguments.Seed);
        var plan = new Mnist1DSamplePlan(arguments, templates.Length, kernel);
        var raw = new double[total * length];
        var rawLabels = new long[total];
        var labels = templates.Y.Span;
        for (int sample = 0; sample < total; sample++)
        {
            rawLabels[sample] = labels[sample / perClass];
        }

        if (trace is null)
        {
            Mnist1DReferencePipeline.Run(plan, templates, perClass, random, raw, progress, cancellationToken);
        }
        else
        {
            var source = new LegacyRandomSource(random);
            var sampler = new Mnist1DSampler(plan);
            for (int sample = 0; sample < total; sample++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                long before = random.Generator.Draws;
                var draws = sampler.Transform(templates.Row(sample / perClass), ref source, raw.AsSpan(sample * length, length));
                trace.Add((draws, random.Generator.Draws - before));
            }

            progress?.Report(total);
        }

        int[] rowOrder = random.Permutation(total);
        var x = new double[raw.Length];
        var y = new long[total];
        for (int i = 0; i < total; i++)
        {
            raw.AsSpan(rowOrder[i] * length, length).CopyTo(x.AsSpan(i * length, length));
            y[i] = rawLabels[rowOrder[i]];
        }

        var normalization = arguments.ShuffleSequence
            ? ShuffleColumns(x, length, random.Permutation(length))
            : Moments(x);

        normalization.Apply(x);
        var t = Mnist1DTransforms.TimeAxis(templates.T.Span, arguments.DilatedLength, length);
        for (int i = 0; i < t.Length; i++)
        {
            t[i] /= normalization.StandardDeviation;
        }

        int split = arguments.TrainCount;
        return new Mnist1DDataset(
            arguments,
            Mnist1DMode.Reference,
            x.AsMemory(0, split * length),
            y.AsMemory(0, split),
            x.AsMemory(split * length),
            y.AsMemory(split),
            t,
            templates,
            normalization);
    }

    private static Mnist1DNormalization Moments(ReadOnlySpan<double> values)
    {
        double mean = NumPyMoments.Mean(values);
        return new Mnist1DNormalization(mean, NumPyMoments.StandardDeviation(values, mean));
    }

    // xs[..., perm]: column j takes column perm[j]. NumPy's fancy indexing on the last axis returns a
    // Fortran-ordered array, and reductions run in memory order, so the statistics are taken column by column.
    private static Mnist1DNormalization ShuffleColumns(double[] x, int length, int[] columns)
    {
        int rows = x.Length / length;
        var columnMajor = new double[x.Length];
        var row = new double[length];
        for (int r = 0; r < rows; r++)
        {
            var values = x.AsSpan(r * length, length);
            values.CopyTo(row);
            for (int j = 0; j < length; j++)
            {
                values[j] = row[columns[j]];
                columnMajor[(j * rows) + r] = values[j];
            }
        }

        return Moments(columnMajor);
    }
}
