using static DigitForge.Domain.Mnist1D.Mnist1DTransforms;

namespace DigitForge.Domain.Mnist1D;

/// <summary>
/// The reference's <c>transform(x, t, args)</c> for one sample, chaining <see cref="Mnist1DTransforms"/> in the
/// reference's order with the reference's draw order, on scratch buffers sized once. One instance per thread.
/// </summary>
internal sealed class Mnist1DSampler
{
    private readonly Mnist1DSamplePlan _plan;
    private readonly double[] _padded;
    private readonly double[] _knots;
    private readonly double[] _dilated;
    private readonly double[] _signal;
    private readonly double[] _normals;
    private readonly double[] _iidNormals;
    private readonly double[] _noise;
    private readonly double[] _reflected;

    public Mnist1DSampler(Mnist1DSamplePlan plan)
    {
        _plan = plan;
        _padded = new double[plan.MaxPaddedLength];
        _knots = new double[plan.MaxPaddedLength];
        _dilated = new double[plan.DilatedLength];
        _signal = new double[plan.DilatedLength];
        _normals = new double[plan.DilatedLength];
        _iidNormals = new double[plan.DilatedLength];
        _noise = new double[plan.DilatedLength];
        _reflected = new double[plan.DilatedLength + plan.Kernel.Length - 1];
    }

    /// <summary>Transforms one template into <paramref name="output"/> (final_seq_length values) and returns its draws.</summary>
    public Mnist1DSampleDraws Transform<TRandom>(ReadOnlySpan<double> template, ref TRandom random, Span<double> output)
        where TRandom : struct, IMnist1DRandomSource
    {
        // The reference's draw order (padding, scale, shift, correlated normals, iid normals, shear); no draw depends
        // on a computed value, so all of them can come first and the arithmetic after.
        double padding = random.NextUniform();
        double scale = random.NextUniform();
        int shift = random.NextIndex(_plan.Arguments.MaxTranslation);
        random.FillStandardNormal(_normals);
        random.FillStandardNormal(_iidNormals);
        double shear = random.NextUniform();
        return Compute(template, new Mnist1DUniformDraws(padding, scale, shift, shear), _normals, _iidNormals, output);
    }

    /// <summary>
    /// The arithmetic of <see cref="Transform{TRandom}"/> on draws taken elsewhere (the reference generator draws on one
    /// thread and computes on all). <paramref name="correlated"/> is overwritten.
    /// </summary>
    public Mnist1DSampleDraws Compute(
        ReadOnlySpan<double> template,
        Mnist1DUniformDraws draws,
        Span<double> correlated,
        ReadOnlySpan<double> iid,
        Span<double> output)
    {
        var plan = _plan;
        var args = plan.Arguments;

        int padding = PaddingLength(args.Padding, draws.Padding);
        var padded = _padded.AsSpan(0, template.Length + padding);
        Pad(template, Epsilon, padded);
        plan.Dilate(padded, _dilated, _knots);

        double scale = ScaleFactor(args.ScaleCoefficient, draws.Scale);
        ScaleAndTranslate(_dilated, scale, draws.Shift, _signal);

        SmoothNoise(correlated, args.CorrelatedNoiseScale, plan.Kernel, _noise, _reflected);

        double shear = ShearCoefficient(args.ShearScale, draws.Shear);
        AddNoiseAndShear(_signal, _noise, iid, args.IidNoiseScale, shear, plan.ShearRamp);

        plan.Subsampling.Apply(_signal, output);
        return new Mnist1DSampleDraws(padding, scale, draws.Shift, shear);
    }
}
