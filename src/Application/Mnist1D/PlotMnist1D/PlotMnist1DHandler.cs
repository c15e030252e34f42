using DigitForge.Application.Common;
using DigitForge.Application.Common.Parameters;
using DigitForge.Application.Mnist1D.GenerateMnist1D;
using DigitForge.Domain.Datasets;
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

    /// <summary><c>count</c> as the binder reads it; its rules (1 ≤ count ≤ samples, the configured limit) are the validator's.</summary>
    private static readonly GeneratorParameter[] CountParameter =
    [
        GeneratorParameter.Integer(PlotMnist1DRequest.CountField, PlotMnist1DRequest.DefaultCount, int.MinValue, int.MaxValue, "Signals to plot."),
    ];

    /// <summary>Binds the dataset's arguments and <c>count</c> (null or blank: <see cref="PlotMnist1DRequest.DefaultCount"/>) from text.</summary>
    public static PlotMnist1DRequest Parse(Mnist1DTextInput input, string? count)
    {
        var errors = new List<ValidationError>();
        var dataset = Mnist1DInputParser.Bind(input, errors);
        var values = ParameterBinder.BindText("plot", CountParameter, [new(PlotMnist1DRequest.CountField, count)], errors, ParameterBinder.BareField);
        return errors.Count > 0
            ? throw new RequestValidationException(errors)
            : new PlotMnist1DRequest(dataset, values.GetInt32(PlotMnist1DRequest.CountField));
    }

    public Mnist1DSignals Handle(PlotMnist1DRequest request, CancellationToken cancellationToken = default)
    {
        Validate(request);
        return Mnist1DGeneration.Signals(request, cancellationToken);
    }

    /// <summary>The dataset's rules and limits, then 1 ≤ count ≤ min(samples, MaxPlotSignals).</summary>
    public void Validate(PlotMnist1DRequest request) => Mnist1DRules.ThrowIfInvalid(request, _rules.CheckPlot);
}
