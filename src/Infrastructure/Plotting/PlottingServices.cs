using DigitForge.Application.Mnist1D;
using DigitForge.Application.Spirals;
using DigitForge.Infrastructure.Mnist1D;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Infrastructure.Plotting;

public static class PlottingServices
{
    /// <summary>The figure ports the use cases draw through (MNIST-1D, spirals); experiment charts are registered with the jobs.</summary>
    public static IServiceCollection AddPlotting(this IServiceCollection services)
    {
        services.AddSingleton<ISpiralPlotRenderer, SpiralPlotPng>();
        services.AddSingleton<IMnist1DPlotter, Mnist1DPlotter>();
        return services;
    }
}

/// <summary><see cref="ISpiralPlotRenderer"/> over <see cref="SpiralPlotRenderer"/>.</summary>
internal sealed class SpiralPlotPng : ISpiralPlotRenderer
{
    public byte[] RenderPng(Application.Spirals.PlotSpirals.SpiralScatter scatter) => SpiralPlotRenderer.Render(scatter);
}
