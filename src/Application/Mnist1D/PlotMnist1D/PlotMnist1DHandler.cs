using System.Globalization;
using DigitForge.Application.Common;
using DigitForge.Application.Mnist1D.GenerateMnist1D;
using Microsoft.Extensions.Options;

namespace DigitForge.Application.Mnist1D.PlotMnist1D;

/// <summary>
/// For the UI's page (front ends send <see cref="DrawMnist1DPlot.DrawMnist1DPlotRequest"/>): the signals a plot of a dataset shows: its first rows with their labels and <c>t</c>, like the reference's figures
/// (<c>plot_signals(data['x'][:10], data['t'], labels=data['y'][:10])</c>). Keyed mode generates only those rows.
/// </summary>
public sealed class PlotMnist1DHandler(GenerateMnist1DHandler datasets, IOptions<Mnist1DOptions> options)
{
    // The rules and generation are shared with the mediator's use cases; the dataset handler stays a constructor
    // parameter so that existing callers keep compiling.
    private readonly Mnist1DRules _rules = datasets is null ? throw new ArgumentNullException(nameof(datasets)) : new(options);

    /// <summary>Parses <c>count</c> as text (null or blank: <see cref="PlotMnist1DRequest.DefaultCount"/>).</summary>
    public static PlotMnist1DRequest Parse(Mnist1DTextInput input, string? count)
    {
        var errors = new List<ValidationError>();
        int parsedCount = PlotMnist1DRequest.DefaultCount;
        if (!string.IsNullOrWhiteSpace(count)
            && !int.TryParse(count.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out parsedCount))
        {
            errors.Add(new ValidationError(PlotMnist1DRequest.CountField, $"Expected an integer, got '{count}'."));
        }

        GenerateMnist1DRequest? dataset = null;
        try
        {
            dataset = Mnist1DInputParser.Parse(input);
        }
        catch (RequestValidationException ex)
        {
            errors.InsertRange(0, ex.Errors);
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        return new PlotMnist1DRequest(dataset!, parsedCount);
    }

    public Mnist1DSignals Handle(PlotMnist1DRequest request, CancellationToken cancellationToken = default)
    {
        Validate(request);
        return Mnist1DGeneration.Signals(request, cancellationToken);
    }

    /// <summary>The dataset's rules and limits, then 1 ≤ count ≤ min(samples, MaxPlotSignals).</summary>
    public void Validate(PlotMnist1DRequest request) => Mnist1DRules.ThrowIfInvalid(request, _rules.CheckPlot);
}
