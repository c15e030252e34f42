using Microsoft.Extensions.Options;

namespace DigitForge.Application.Mnist1D.GenerateMnist1D;

/// <summary>
/// Generates an MNIST-1D dataset (the reference's <c>make_dataset(args)</c>) in reference or keyed mode, for callers
/// outside the mediator (tests, tools). Front ends send <see cref="ExportMnist1D.ExportMnist1DRequest"/> instead; both
/// apply the same <see cref="Mnist1DRules"/> and <see cref="Mnist1DGeneration"/>.
/// </summary>
public sealed class GenerateMnist1DHandler(IOptions<Mnist1DOptions> options)
{
    private readonly Mnist1DRules _rules = new(options);

    /// <summary>Checks the request, then generates (see <see cref="Mnist1DGeneration.Generate"/>).</summary>
    public GeneratedMnist1D Handle(GenerateMnist1DRequest request, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        Validate(request);
        return Mnist1DGeneration.Generate(request, progress, cancellationToken);
    }

    /// <summary>
    /// Checks the arguments as the reference would run them plus the configured limits, without generating anything;
    /// throws <see cref="Common.RequestValidationException"/> with every problem, each under the reference's argument name.
    /// </summary>
    public void Validate(GenerateMnist1DRequest request) => Mnist1DRules.ThrowIfInvalid(request, _rules.CheckDataset);
}
