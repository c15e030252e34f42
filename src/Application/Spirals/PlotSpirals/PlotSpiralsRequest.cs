using System.Text.Json;
using Mediator;

namespace DigitForge.Application.Spirals.PlotSpirals;

/// <summary>
/// A scatter plot of a spiral dataset: either a stored spirals dataset (<paramref name="Dataset"/> and optionally
/// <paramref name="Split"/>), or the generator's <paramref name="Parameters"/> (named as the reference's arguments) and
/// <paramref name="Seed"/>, plotting the train split.
/// </summary>
public sealed record PlotSpiralsRequest(
    string? Dataset,
    string? Split,
    IReadOnlyDictionary<string, JsonElement> Parameters,
    ulong? Seed) : IRequest<SpiralPlot>;

/// <summary>The plotted points and their picture (PNG).</summary>
public sealed record SpiralPlot(SpiralScatter Scatter, byte[] Png);
