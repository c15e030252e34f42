using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using DigitForge.Application.Common;
using DigitForge.Application.Spirals.PlotSpirals;
using DigitForge.Domain.Datasets.Generators;
using DigitForge.Infrastructure.Plotting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DigitForge.Api.Endpoints;

/// <summary>
/// <c>/api/spirals</c>: the scatter plot of an ARMED spiral dataset, one panel per cluster coloured by class (the
/// reference's clusters.svg). The data itself is the <c>spirals</c> dataset generator (<c>POST /api/datasets</c>).
/// </summary>
public static class SpiralApi
{
    private const string PngContentType = "image/png";
    private static readonly string[] ControlFields = ["seed", "dataset", "split"];

    public static IEndpointRouteBuilder MapSpiralApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/spirals").WithTags("Spirals");
        group.MapGet("/plot", GetPlot)
             .WithName("GetSpiralPlot")
             .WithSummary("Scatter plot (PNG) of a spiral dataset: one panel per cluster, points coloured by class")
             .WithDescription("Either the spirals generator's parameters as query parameters, named as the reference's arguments " +
                              "(clusters, points_per_cluster, radius_sd, noise, degrees, classes, confound_sd, confounded_vars, " +
                              "false_negatives) plus seed, plotting the train split; or dataset={id} (a stored spirals dataset) and " +
                              "optionally split. Bad values are 400 problems naming the parameter.")
             .Produces(StatusCodes.Status200OK, contentType: PngContentType)
             .ProducesValidationProblem();
        return app;
    }

    /// <param name="dataset">A stored spirals dataset's id, instead of parameters.</param>
    /// <param name="split">With dataset: the split to plot (default its first).</param>
    /// <param name="seed">With parameters: the seed (default 8, the reference's).</param>
    /// <param name="handler">The use case.</param>
    /// <param name="context">For the query's generator parameters.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<FileContentHttpResult> GetPlot(
        [FromQuery, Description("A stored spirals dataset's id (instead of generator parameters).")] string? dataset,
        [FromQuery, Description("With dataset: the split to plot (default: its first).")] string? split,
        [FromQuery, Description("With generator parameters: the seed (default 8, the reference's --random_seed).")] string? seed,
        PlotSpiralsHandler handler,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        SpiralScatter scatter;
        if (!string.IsNullOrWhiteSpace(dataset))
        {
            var extra = context.Request.Query.Keys.Where(k => !ControlFields.Contains(k, StringComparer.Ordinal)).ToArray();
            if (extra.Length > 0 || seed is not null)
            {
                throw new RequestValidationException(extra.Length > 0 ? extra[0] : "seed", "A stored dataset's parameters and seed are fixed by its spec; give either dataset (and split) or generator parameters.");
            }

            scatter = await handler.HandleAsync(dataset.Trim(), split, cancellationToken);
        }
        else
        {
            var errors = new List<ValidationError>();
            if (split is not null)
            {
                errors.Add(new ValidationError("split", "split goes with dataset; generator parameters plot the train split."));
            }

            ulong? parsedSeed = null;
            if (!string.IsNullOrWhiteSpace(seed))
            {
                if (ulong.TryParse(seed.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out ulong s))
                {
                    parsedSeed = s;
                }
                else
                {
                    errors.Add(new ValidationError("seed", $"Must be a whole number, 0 or more, got '{seed}'."));
                }
            }

            var parameters = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            var known = new SpiralsDatasetGenerator().Parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var (key, values) in context.Request.Query)
            {
                if (ControlFields.Contains(key, StringComparer.Ordinal))
                {
                    continue;
                }

                if (!known.Contains(key))
                {
                    errors.Add(new ValidationError(key, $"Unknown parameter. Spirals take {string.Join(", ", known)}, seed, or dataset and split."));
                    continue;
                }

                parameters[key] = PlotSpiralsHandler.ParameterValue(values.ToString());
            }

            if (errors.Count > 0)
            {
                throw new RequestValidationException(errors);
            }

            scatter = await handler.HandleAsync(parameters, parsedSeed, cancellationToken);
        }

        return TypedResults.File(SpiralPlotRenderer.Render(scatter), PngContentType);
    }
}
