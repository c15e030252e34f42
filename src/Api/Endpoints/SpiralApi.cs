using System.ComponentModel;
using DigitForge.Application.Common.Parameters;
using DigitForge.Application.Spirals.PlotSpirals;
using Mediator;
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
    /// <param name="sender">The mediator: the use case checks, collects the points and draws them.</param>
    /// <param name="context">For the query's generator parameters.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<FileContentHttpResult> GetPlot(
        [FromQuery, Description("A stored spirals dataset's id (instead of generator parameters).")] string? dataset,
        [FromQuery, Description("With dataset: the split to plot (default: its first).")] string? split,
        [FromQuery, Description("With generator parameters: the seed (default 8, the reference's --random_seed).")] string? seed,
        ISender sender,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        ulong? parsedSeed = ParameterText.OptionalUInt64("seed", seed);
        if (parsedSeed is null && seed is not null && !string.IsNullOrWhiteSpace(dataset))
        {
            // An empty seed beside a dataset is still a seed given.
            parsedSeed = 0;
        }

        // Every other query parameter is a generator parameter, passed as text: the use case reads it by the generator's
        // schema (ParameterText) and names the unknown ones.
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in context.Request.Query)
        {
            if (!ControlFields.Contains(key, StringComparer.Ordinal))
            {
                parameters[key] = values.ToString();
            }
        }

        var plot = await sender.Send(new PlotSpiralsRequest(dataset, split, parameters, parsedSeed), cancellationToken);
        return TypedResults.File(plot.Png, PngContentType);
    }
}
