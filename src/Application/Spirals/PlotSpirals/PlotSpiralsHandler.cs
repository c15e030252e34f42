using System.Runtime.InteropServices;
using System.Text.Json;
using DigitForge.Application.Common;
using DigitForge.Application.Common.Parameters;
using DigitForge.Application.Datasets;
using DigitForge.Application.Datasets.Specs;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Datasets.Generators;
using Mediator;
using Microsoft.Extensions.Options;

namespace DigitForge.Application.Spirals.PlotSpirals;

/// <summary>
/// The points to plot for a spiral dataset: from the generator's parameters (the plot endpoint, the CLI) or from a
/// stored spirals dataset (the UI's dataset page). Only the x, y and cluster columns are generated.
/// </summary>
public sealed class PlotSpiralsHandler(DatasetSpecResolver resolver, DatasetCatalog catalog, DatasetInstances instances, IOptions<SpiralOptions> options, ISpiralPlotRenderer renderer)
    : IRequestHandler<PlotSpiralsRequest, SpiralPlot>
{
    private const string ParametersPrefix = "parameters.";
    private const string SpiralArgumentField = "points_per_cluster";

    /// <summary>The generator's declared parameters: the schema text parameters are read by.</summary>
    private static readonly SpiralsDatasetGenerator Generator = new();

    private readonly SpiralOptions _options = options.Value;

    /// <summary>The scatter of the request's dataset or parameters, drawn (the request is valid: <see cref="PlotSpiralsValidator"/>).</summary>
    public async ValueTask<SpiralPlot> Handle(PlotSpiralsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scatter = string.IsNullOrWhiteSpace(request.Dataset)
            ? await HandleAsync(ParameterText.ToJson(Generator.Parameters, request.Parameters), request.Seed, cancellationToken)
            : await HandleAsync(request.Dataset.Trim(), request.Split, cancellationToken);
        return new SpiralPlot(scatter, renderer.RenderPng(scatter));
    }

    /// <summary>
    /// A scatter of the train split for these generator parameters (names as the reference's arguments) and seed.
    /// Bad values are a <see cref="RequestValidationException"/> naming the parameter (<c>clusters</c>, not
    /// <c>parameters.clusters</c>: the plot's arguments are the parameters themselves).
    /// </summary>
    public async Task<SpiralScatter> HandleAsync(IReadOnlyDictionary<string, JsonElement> parameters, ulong? seed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var spec = new Dictionary<string, object> { ["generator"] = SpiralsDatasetGenerator.GeneratorName, ["parameters"] = parameters };
        if (seed is { } s)
        {
            spec["seed"] = s;
        }

        ResolvedDataset dataset;
        try
        {
            dataset = resolver.Resolve(JsonSerializer.SerializeToElement(spec));
        }
        catch (RequestValidationException ex)
        {
            throw new RequestValidationException([.. ex.Errors.Select(e => e with { Field = e.Field.StartsWith(ParametersPrefix, StringComparison.Ordinal) ? e.Field[ParametersPrefix.Length..] : e.Field })]);
        }

        CheckSize(dataset, 0, SpiralArgumentField);
        var rows = dataset.Generator.Open(dataset.Definition, GeneratorInputs.None, cancellationToken);
        return await Task.Run(() => Collect(rows, 0, Classes(dataset), cancellationToken), cancellationToken);
    }

    /// <summary>A scatter of split <paramref name="split"/> (default: the first) of stored dataset <paramref name="id"/>, which must be a spirals dataset.</summary>
    public async Task<SpiralScatter> HandleAsync(string id, string? split, CancellationToken cancellationToken = default)
    {
        var dataset = await catalog.GetAsync(id, cancellationToken);
        if (dataset.Generator.Name != SpiralsDatasetGenerator.GeneratorName)
        {
            throw new RequestValidationException("id", $"Dataset {id} is a '{dataset.Generator.Name}' dataset; only spirals datasets have a scatter plot.");
        }

        int splitIndex = split is null ? 0 : dataset.RequireSplit(split);
        CheckSize(dataset, splitIndex, "split");
        var rows = await instances.OpenAsync(dataset, cancellationToken);
        return await Task.Run(() => Collect(rows, splitIndex, Classes(dataset), cancellationToken), cancellationToken);
    }

    private void CheckSize(ResolvedDataset dataset, int split, string field)
    {
        int count = dataset.Definition.Splits[split].Rows;
        if (count > _options.MaxPlotPoints)
        {
            throw new RequestValidationException(field, $"A plot draws at most {_options.MaxPlotPoints:N0} points; this split has {count:N0}.");
        }
    }

    private static int Classes(ResolvedDataset dataset) => SpiralsDatasetGenerator.ToArguments(dataset.Definition.Parameters).Classes;

    private static SpiralScatter Collect(IDatasetRows rows, int split, int classes, CancellationToken cancellationToken)
    {
        var layout = rows.Layout;
        int count = rows.Splits[split].Rows;
        int x = layout.IndexOf("x");
        int y = layout.IndexOf("y");
        int cluster = layout.IndexOf("cluster");
        var x1 = new double[count];
        var x2 = new double[count];
        var labels = new int[count];
        var clusters = new int[count];
        const int Chunk = 8192;
        for (int first = 0; first < count; first += Chunk)
        {
            int n = Math.Min(Chunk, count - first);
            var block = new RowBlock(layout, n);
            RowBlockFiller.Fill(rows, split, first, n, block, cancellationToken);
            for (int i = 0; i < n; i++)
            {
                var point = block.Row<double>(x, i);
                x1[first + i] = point[0];
                x2[first + i] = point[1];
                labels[first + i] = (int)block.Row<long>(y, i)[0];
                clusters[first + i] = (int)block.Row<long>(cluster, i)[0];
            }
        }

        var radii = MemoryMarshal.Cast<byte, double>(rows.Extra("radii").Span).ToArray();
        return new SpiralScatter(rows.Splits[split].Name, classes, radii, x1, x2, labels, clusters);
    }
}
