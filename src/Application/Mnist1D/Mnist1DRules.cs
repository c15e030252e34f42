using DigitForge.Application.Common;
using DigitForge.Application.Mnist1D.GenerateMnist1D;
using DigitForge.Application.Mnist1D.PlotMnist1D;
using DigitForge.Domain.Mnist1D;
using Microsoft.Extensions.Options;

namespace DigitForge.Application.Mnist1D;

/// <summary>
/// The rules of MNIST-1D requests, written once: the reference's argument checks plus the configured limits (every
/// problem under the reference's argument name), and a plot's signal count. The validators of the MNIST-1D use cases
/// and the handlers the UI still calls directly apply them.
/// </summary>
public sealed class Mnist1DRules(IOptions<Mnist1DOptions> options)
{
    private readonly Mnist1DOptions _options = options.Value;

    public void CheckDataset(GenerateMnist1DRequest request, ICollection<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        int before = errors.Count;
        foreach (var e in request.Arguments.Validate())
        {
            errors.Add(new ValidationError(e.Field, e.Message));
        }

        if (request.Arguments.NumSamples > _options.MaxSamples)
        {
            errors.Add(new ValidationError(
                Mnist1DArgumentNames.NumSamples,
                $"must not exceed {_options.MaxSamples:N0} here, got {request.Arguments.NumSamples:N0} (configuration {Mnist1DOptions.SectionName}:{nameof(Mnist1DOptions.MaxSamples)})."));
        }

        // Bytes, not only counts: output and working memory within the configured budget, before anything is allocated.
        if (errors.Count == before)
        {
            foreach (var e in Mnist1DBudget.Check(request.Arguments, request.Mode, _options))
            {
                errors.Add(e);
            }
        }

        if (!Enum.IsDefined(request.Mode))
        {
            errors.Add(new ValidationError(Mnist1DInputParser.ModeField, $"Unknown mode {request.Mode}."));
        }
    }

    /// <summary>The dataset's rules and limits, then 1 ≤ count ≤ min(samples, MaxPlotSignals).</summary>
    public void CheckPlot(PlotMnist1DRequest request, ICollection<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        int before = errors.Count;
        CheckDataset(request.Dataset, errors);
        int samples = request.Dataset.Arguments.EffectiveSampleCount;
        if (request.Count < 1 || request.Count > _options.MaxPlotSignals)
        {
            errors.Add(new ValidationError(PlotMnist1DRequest.CountField, $"must be between 1 and {_options.MaxPlotSignals}, got {request.Count}."));
        }
        else if (errors.Count == before && request.Count > samples)
        {
            errors.Add(new ValidationError(PlotMnist1DRequest.CountField, $"must not exceed the {samples} samples of the dataset, got {request.Count}."));
        }
    }

    /// <summary>Throws <see cref="RequestValidationException"/> with every error of <paramref name="check"/>.</summary>
    public static void ThrowIfInvalid<T>(T request, Action<T, ICollection<ValidationError>> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var errors = new List<ValidationError>();
        check(request, errors);
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
    }
}
