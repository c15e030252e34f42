using System.ComponentModel;
using DigitForge.Api.Http;
using DigitForge.Application.Common;
using DigitForge.Application.Mnist1D.GenerateMnist1D;
using DigitForge.Application.Mnist1D.PlotMnist1D;
using DigitForge.Domain.Mnist1D;
using DigitForge.Infrastructure.Mnist1D;
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
    /// <param name="handler">The use case.</param>
    /// <param name="context">For conditional requests and cache headers.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static Results<PushStreamHttpResult, StatusCodeHttpResult> GetDataset(
        [AsParameters] Mnist1DQuery query,
        [FromQuery, Description("npz (default) or json.")] string? format,
        GenerateMnist1DHandler handler,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var errors = new List<ValidationError>();
        var fileFormat = Mnist1DFormats.ParseFileFormat(format);
        if (fileFormat is null)
        {
            errors.Add(new ValidationError(FormatField, $"Unknown format '{format}'. Use npz or json."));
        }

        var request = ParseDataset(query, errors);
        handler.Validate(request);

        if (IsNotModified(context, Mnist1DContentId.Compute(request, fileFormat!.Value.ToString())))
        {
            return ContentCaching.NotModified();
        }

        // Reference mode generates here, before the first byte, so a failure is still a proper error response.
        var data = handler.Handle(request, progress: null, cancellationToken);
        var chosen = fileFormat.Value;
        return TypedResults.Stream(
            stream => chosen == Mnist1DFileFormat.Json
                ? Mnist1DJsonWriter.WriteAsync(stream, data, cancellationToken)
                : Mnist1DNpzWriter.WriteAsync(stream, data, cancellationToken),
            Mnist1DFormats.ContentType(chosen),
            "mnist1d_data" + Mnist1DFormats.Extension(chosen));
    }

    /// <param name="format">json (default), png or svg.</param>
    internal static Results<Ok<Mnist1DTemplatesResponse>, FileContentHttpResult> GetTemplates([FromQuery, Description("json (default), png or svg.")] string? format)
    {
        var templates = Mnist1DTemplates.Default;
        if (string.IsNullOrWhiteSpace(format) || string.Equals(format.Trim(), "json", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Ok(Mnist1DTemplatesResponse.From(templates));
        }

        var plotFormat = Mnist1DFormats.ParsePlotFormat(format)
            ?? throw new RequestValidationException(FormatField, $"Unknown format '{format}'. Use json, png or svg.");
        var file = Mnist1DPlots.Encode(Mnist1DPlots.Templates(Application.Mnist1D.Mnist1DSignals.Templates(templates)), plotFormat);
        return TypedResults.File(file.Content, file.ContentType);
    }

    /// <param name="query">The reference's arguments and the mode.</param>
    /// <param name="count">How many signals, from the start of x then x_test (default 10).</param>
    /// <param name="format">png (default) or svg.</param>
    /// <param name="handler">The use case.</param>
    /// <param name="context">For conditional requests and cache headers.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static Results<FileContentHttpResult, StatusCodeHttpResult> GetPlot(
        [AsParameters] Mnist1DQuery query,
        [FromQuery, Description("How many signals to draw, from the start of x then x_test (default 10).")] string? count,
        [FromQuery, Description("png (default) or svg.")] string? format,
        PlotMnist1DHandler handler,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var errors = new List<ValidationError>();
        var plotFormat = Mnist1DFormats.ParsePlotFormat(format);
        if (plotFormat is null)
        {
            errors.Add(new ValidationError(FormatField, $"Unknown format '{format}'. Use png or svg."));
        }

        PlotMnist1DRequest? request = null;
        try
        {
            request = PlotMnist1DHandler.Parse(query.ToTextInput(), count);
        }
        catch (RequestValidationException ex)
        {
            errors.InsertRange(0, ex.Errors);
        }

        ThrowIfAny(errors);
        handler.Validate(request!);

        if (IsNotModified(context, Mnist1DContentId.Compute(request!.Dataset, $"plot-{plotFormat}-{request.Count}")))
        {
            return ContentCaching.NotModified();
        }

        var signals = handler.Handle(request, cancellationToken);
        var file = Mnist1DPlots.Encode(Mnist1DPlots.Samples(signals), plotFormat!.Value);
        return TypedResults.File(file.Content, file.ContentType);
    }

    private static GenerateMnist1DRequest ParseDataset(Mnist1DQuery query, List<ValidationError> errors)
    {
        GenerateMnist1DRequest? request = null;
        try
        {
            request = Mnist1DInputParser.Parse(query.ToTextInput());
        }
        catch (RequestValidationException ex)
        {
            errors.InsertRange(0, ex.Errors);
        }

        ThrowIfAny(errors);
        return request!;
    }

    private static void ThrowIfAny(List<ValidationError> errors)
    {
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
    }

    // Sets the caching headers of a deterministic output and answers whether the client already has it.
    private static bool IsNotModified(HttpContext context, string contentId) => ContentCaching.IsNotModified(context, contentId, CacheControl);
}
