using DigitForge.Application.Common;
using DigitForge.Domain.Mnist1D;
using Microsoft.Extensions.Options;

namespace DigitForge.Application.Mnist1D.GenerateMnist1D;

/// <summary>Generates an MNIST-1D dataset (the reference's <c>make_dataset(args)</c>) in reference or keyed mode.</summary>
public sealed class GenerateMnist1DHandler(IOptions<Mnist1DOptions> options)
{
    private readonly Mnist1DOptions _options = options.Value;

    /// <summary>
    /// Reference mode generates the whole dataset now (NumPy's stream is sequential and the rows are shuffled at the end);
    /// keyed mode only prepares, and rows are generated in parallel as they are read, in bounded memory.
    /// <paramref name="progress"/> receives the number of samples generated so far.
    /// </summary>
    public GeneratedMnist1D Handle(GenerateMnist1DRequest request, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        Validate(request);
        return request.Mode switch
        {
            Mnist1DMode.Keyed => GeneratedMnist1D.FromKeyed(new Mnist1DKeyedGenerator(request.Arguments), progress),
            _ => GeneratedMnist1D.FromDataset(Mnist1DGenerator.Generate(request.Arguments, Mnist1DMode.Reference, progress, cancellationToken)),
        };
    }

    /// <summary>
    /// Checks the arguments as the reference would run them plus the configured limits, without generating anything;
    /// throws <see cref="RequestValidationException"/> with every problem, each under the reference's argument name.
    /// </summary>
    public void Validate(GenerateMnist1DRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = request.Arguments.Validate()
            .Select(e => new ValidationError(e.Field, e.Message))
            .ToList();

        if (request.Arguments.NumSamples > _options.MaxSamples)
        {
            errors.Add(new ValidationError(
                Mnist1DArgumentNames.NumSamples,
                $"must not exceed {_options.MaxSamples:N0} here, got {request.Arguments.NumSamples:N0} (configuration {Mnist1DOptions.SectionName}:{nameof(Mnist1DOptions.MaxSamples)})."));
        }

        if (errors.Count == 0)
        {
            errors.AddRange(Mnist1DBudget.Check(request.Arguments, request.Mode, _options));
        }

        if (!Enum.IsDefined(request.Mode))
        {
            errors.Add(new ValidationError(Mnist1DInputParser.ModeField, $"Unknown mode {request.Mode}."));
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
    }
}
