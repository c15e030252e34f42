using System.ComponentModel;
using DigitForge.Api.Http;
using DigitForge.Application.Common;
using DigitForge.Application.Mnist1D;
using DigitForge.Application.Mnist1D.DrawMnist1DPlot;
using DigitForge.Application.Mnist1D.ExportMnist1D;
using DigitForge.Application.Mnist1D.GenerateMnist1D;
using DigitForge.Application.Mnist1D.PlotMnist1D;
using DigitForge.Application.Mnist1D.PlotMnist1DTemplates;
using DigitForge.Domain.Mnist1D;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace DigitForge.Api.Endpoints;

/// <summary>
/// <c>/api/mnist1d</c>: the MNIST-1D dataset (greydanus/mnist1d) for any of the reference's arguments, its templates
/// and plots. Outputs are pure functions of the query, so they carry an ETag and revalidate with 304.
/// </summary>
public static class Mnist1DApi
{
    private const string FormatField = "format";
    /// <summary>"public, max-age=86400", formatted once.</summary>
    private static readonly string CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromDays(1) }.ToString();

    public static IEndpointRouteBuilder MapMnist1DApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/mnist1d").WithTags("MNIST-1D");
        group.MapGet("/", GetDataset)
             .WithName("GetMnist1D")
             .WithSummary("Generate an MNIST-1D dataset as NPZ or JSON (streamed)")
             .WithDescription("The reference's make_dataset(args): query parameters are its argument names (num_samples, train_split, " +
                              "template_len, padding, scale_coeff, max_translation, corr_noise_scale, iid_noise_scale, shear_scale, " +
                              "shuffle_seq, final_seq_length, seed). mode=reference (default) reproduces NumPy's stream exactly, so the " +
                              "defaults give the published mnist1d_data.pkl; mode=keyed generates rows in parallel (different, statistically " +
                              "equivalent values). NPZ keys: x, y, x_test, y_test, t, templates_x, templates_t, templates_y (numpy.load reads it).")
             .Produces(StatusCodes.Status200OK, contentType: Mnist1DFormats.NpzContentType)
             .Produces(StatusCodes.Status200OK, contentType: Mnist1DFormats.JsonContentType)
             .Produces(StatusCodes.Status304NotModified)
             .ProducesValidationProblem();
        group.MapGet("/templates", GetTemplates)
             .WithName("GetMnist1DTemplates")
             .WithSummary("The ten digit templates as JSON, or their plot as PNG or SVG")
             .Produces<Mnist1DTemplatesResponse>(StatusCodes.Status200OK, Mnist1DFormats.JsonContentType)
             .Produces(StatusCodes.Status200OK, contentType: Mnist1DFormats.PngContentType)
             .Produces(StatusCodes.Status200OK, contentType: Mnist1DFormats.SvgContentType)
             .ProducesValidationProblem();
        group.MapGet("/plot", GetPlot)
             .WithName("GetMnist1DPlot")
             .WithSummary("Plot the first signals of a dataset as PNG or SVG, in the reference's figure style")
             .WithDescription("Takes the same arguments as GET /api/mnist1d plus count (default 10): one upright panel per signal " +
                              "(value across, t downwards) titled with its label, ten per row.")
             .Produces(StatusCodes.Status200OK, contentType: Mnist1DFormats.PngContentType)
             .Produces(StatusCodes.Status200OK, contentType: Mnist1DFormats.SvgContentType)
             .Produces(StatusCodes.Status304NotModified)
             .ProducesValidationProblem();
        return app;
    }

    /// <param name="query">The reference's arguments and the mode.</param>
    /// <param name="format">npz (default) or json.</param>
    /// <param name="sender">The mediator: the use case checks, answers a held ETag, generates.</param>
    /// <param name="context">For conditional requests and cache headers.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<PushStreamHttpResult, StatusCodeHttpResult>> GetDataset(
        [AsParameters] Mnist1DQuery query,
        [FromQuery, Description("npz (default) or json.")] string? format,
        ISender sender,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var errors = new List<ValidationError>();
        var fileFormat = Mnist1DFormats.ParseFileFormat(format);
        if (fileFormat is null)
        {
            errors.Add(new ValidationError(FormatField, $"Unknown format '{format}'. Use npz or json."));
        }

        var dataset = Bind(() => Mnist1DInputParser.Parse(query.ToTextInput()), errors);

        // Reference mode generates in the use case, before the first byte, so a failure is still a proper error response.
        var export = await sender.Send(
            new ExportMnist1DRequest(dataset, fileFormat!.Value) { ClientHolds = id => ContentCaching.ClientHolds(context, id) },
            cancellationToken);
        ContentCaching.SetHeaders(context, export.ContentId, CacheControl);
        if (export.Data is null)
        {
            return ContentCaching.NotModified();
        }

        return TypedResults.Stream(stream => export.WriteAsync(stream, cancellationToken), export.ContentType, export.FileName);
    }

    /// <param name="format">json (default), png or svg.</param>
    /// <param name="sender">The mediator.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<Ok<Mnist1DTemplatesResponse>, FileContentHttpResult>> GetTemplates(
        [FromQuery, Description("json (default), png or svg.")] string? format,
        ISender sender,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(format) || string.Equals(format.Trim(), "json", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Ok(Mnist1DTemplatesResponse.From(Mnist1DTemplates.Default));
        }

        var plotFormat = Mnist1DFormats.ParsePlotFormat(format)
            ?? throw new RequestValidationException(FormatField, $"Unknown format '{format}'. Use json, png or svg.");
        var file = await sender.Send(new PlotMnist1DTemplatesRequest(plotFormat), cancellationToken);
        return TypedResults.File(file.Content, file.ContentType);
    }

    /// <param name="query">The reference's arguments and the mode.</param>
    /// <param name="count">How many signals, from the start of x then x_test (default 10).</param>
    /// <param name="format">png (default) or svg.</param>
    /// <param name="sender">The mediator: the use case checks, answers a held ETag, generates and draws.</param>
    /// <param name="context">For conditional requests and cache headers.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<FileContentHttpResult, StatusCodeHttpResult>> GetPlot(
        [AsParameters] Mnist1DQuery query,
        [FromQuery, Description("How many signals to draw, from the start of x then x_test (default 10).")] string? count,
        [FromQuery, Description("png (default) or svg.")] string? format,
        ISender sender,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var errors = new List<ValidationError>();
        var plotFormat = Mnist1DFormats.ParsePlotFormat(format);
        if (plotFormat is null)
        {
            errors.Add(new ValidationError(FormatField, $"Unknown format '{format}'. Use png or svg."));
        }

        var plot = Bind(() => PlotMnist1DHandler.Parse(query.ToTextInput(), count), errors);
        var image = await sender.Send(
            new DrawMnist1DPlotRequest(plot, plotFormat!.Value) { ClientHolds = id => ContentCaching.ClientHolds(context, id) },
            cancellationToken);
        ContentCaching.SetHeaders(context, image.ContentId, CacheControl);
        return image.File is { } file ? TypedResults.File(file.Content, file.ContentType) : ContentCaching.NotModified();
    }

    // Binds the query's text to a request: type errors first, then the front end's own (format), all in one 400.
    private static T Bind<T>(Func<T> parse, List<ValidationError> errors)
    {
        T? request = default;
        try
        {
            request = parse();
        }
        catch (RequestValidationException ex)
        {
            errors.InsertRange(0, ex.Errors);
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        return request!;
    }
}
