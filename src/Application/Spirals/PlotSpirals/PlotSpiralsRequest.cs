using Mediator;

namespace DigitForge.Application.Spirals.PlotSpirals;

/// <summary>
/// A scatter plot of a spiral dataset: either a stored spirals dataset (<paramref name="Dataset"/> and optionally
/// <paramref name="Split"/>), or the generator's <paramref name="Parameters"/> as text (named as the reference's arguments,
/// read by the generator's schema with <see cref="Common.Parameters.ParameterText"/>) and
/// <paramref name="Seed"/>, plotting the train split.
/// </summary>
public sealed record PlotSpiralsRequest(
    string? Dataset,
    string? Split,
    IReadOnlyDictionary<string, string> Parameters,
    ulong? Seed) : IRequest<SpiralPlot>;

/// <summary>The plotted points and their picture (PNG).</summary>
public sealed record SpiralPlot(SpiralScatter Scatter, byte[] Png);
