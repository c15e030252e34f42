using DigitForge.Application.Common;
using Mediator;

namespace DigitForge.Application.Mnist1D.PlotMnist1DTemplates;

/// <summary>The ten digit templates drawn as the reference does (white markers on black), as PNG or SVG.</summary>
public sealed record PlotMnist1DTemplatesRequest(Mnist1DPlotFormat Format) : IRequest<FileContent>;
