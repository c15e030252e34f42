using System.Globalization;
using DigitForge.Application.Common;
using DigitForge.Application.Mnist1D;
using DigitForge.Infrastructure.Plotting;

namespace DigitForge.Infrastructure.Mnist1D;

/// <summary>
/// MNIST-1D figures in the reference's style: samples as black lines titled <c>label=N</c>
/// (<c>plot_signals(x[:10], t, labels=y[:10])</c>), and the ten templates as white markers on black
/// (<c>dark_mode=True</c>) at the reference's default zoom of 1.
/// </summary>
public static class Mnist1DPlots
{
    /// <summary>The templates span |t| ≤ 5/6 and |x| &lt; 0.5, which the reference's default zoom of 1 frames.</summary>
    public const double TemplateZoom = 1;

    /// <summary>Signals as lines, zoomed to show every point (samples span |t| ≈ 5.4 at the defaults).</summary>
    public static SignalPlot Samples(Mnist1DSignals signals)
    {
        var panels = Panels(signals);
        return new SignalPlot(panels, SignalPlotStyle.Line, SignalPlot.FitZoom(panels));
    }

    public static SignalPlot Templates(Mnist1DSignals templates)
    {
        var panels = Panels(templates);
        return new SignalPlot(panels, SignalPlotStyle.DarkMarkers, Math.Max(TemplateZoom, SignalPlot.FitZoom(panels)));
    }

    public static FileContent Encode(SignalPlot plot, Mnist1DPlotFormat format) => format switch
    {
        Mnist1DPlotFormat.Svg => new FileContent(System.Text.Encoding.UTF8.GetBytes(SvgSignalPlotRenderer.Render(plot)), Mnist1DFormats.SvgContentType, ".svg"),
        _ => new FileContent(PngSignalPlotRenderer.Render(plot), Mnist1DFormats.PngContentType, ".png"),
    };

    private static SignalPanel[] Panels(Mnist1DSignals signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var panels = new SignalPanel[signals.Count];
        for (int i = 0; i < panels.Length; i++)
        {
            panels[i] = new SignalPanel(signals.Row(i).ToArray(), signals.T, string.Create(CultureInfo.InvariantCulture, $"label={signals.Labels[i]}"));
        }

        return panels;
    }
}
