using DigitForge.Application.Common;
using DigitForge.Domain.Mnist1D;
using Mediator;

namespace DigitForge.Application.Mnist1D.PlotMnist1DTemplates;

/// <summary>Draws <see cref="Mnist1DTemplates.Default"/>.</summary>
public sealed class PlotMnist1DTemplatesHandler(IMnist1DPlotter plotter) : IRequestHandler<PlotMnist1DTemplatesRequest, FileContent>
{
    public ValueTask<FileContent> Handle(PlotMnist1DTemplatesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ValueTask.FromResult(plotter.Templates(Mnist1DSignals.Templates(Mnist1DTemplates.Default), request.Format));
    }
}
