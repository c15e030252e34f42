using DigitForge.Application.Mnist1D.GenerateMnist1D;
using Mediator;

namespace DigitForge.Application.Mnist1D.DrawMnist1DPlot;

/// <summary>Generates only the plotted signals (keyed mode) or the dataset (reference mode) and draws them.</summary>
public sealed class DrawMnist1DPlotHandler(IMnist1DPlotter plotter) : IRequestHandler<DrawMnist1DPlotRequest, Mnist1DPlotImage>
{
    public ValueTask<Mnist1DPlotImage> Handle(DrawMnist1DPlotRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string contentId = Mnist1DContentId.Compute(request.Plot.Dataset, $"plot-{request.Format}-{request.Plot.Count}");
        if (request.ClientHolds?.Invoke(contentId) == true)
        {
            return ValueTask.FromResult(new Mnist1DPlotImage(contentId, null));
        }

        var signals = Mnist1DGeneration.Signals(request.Plot, cancellationToken);
        return ValueTask.FromResult(new Mnist1DPlotImage(contentId, plotter.Samples(signals, request.Format)));
    }
}
