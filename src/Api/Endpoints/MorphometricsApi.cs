using System.ComponentModel;
using DigitForge.Api.Http;
using DigitForge.Application.Common;
using DigitForge.Application.Morphology.MeasureMorphometrics;
using DigitForge.Domain.Morphology;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DigitForge.Api.Endpoints;

/// <summary>
/// <c>POST /api/morphometrics</c>: Morpho-MNIST's six measurements of uploaded PNG digits (multipart form, any field
/// name) or of a stored dataset's image rows (<c>dataset</c> + <c>split</c>, <c>offset</c>, <c>count</c>), as JSON or
/// as the published CSV layout.
/// </summary>
public static class MorphometricsApi
{
    private const string CsvContentType = "text/csv";

    public static IEndpointRouteBuilder MapMorphometricsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/morphometrics", Measure)
           .WithTags("Morpho-MNIST")
           .WithName("MeasureMorphometrics")
           .WithSummary("Measure digits: area, length, thickness, slant, width, height (Morpho-MNIST)")
           .WithDescription("Either upload PNG images (multipart/form-data; 8-bit gray or RGB, ink bright on dark as MNIST) or name a " +
                            "dataset id with split, offset and count. Threshold 0.5 and 4x upscaling as the reference; pixels and radians. " +
                            "format=json (default) or csv (columns index,area,length,thickness,slant,width,height; uploads add name).")
           .Accepts<IFormFileCollection>("multipart/form-data")
           .Produces<MorphometricsResponse>(StatusCodes.Status200OK)
           .Produces(StatusCodes.Status200OK, contentType: CsvContentType)
           .ProducesValidationProblem()
           .ProducesProblem(StatusCodes.Status404NotFound)
           .RequiresWriteKey();
        return app;
    }

    /// <param name="dataset">Dataset id (from POST /api/datasets); when given, uploads are ignored.</param>
    /// <param name="split">Split of the dataset (default: its first).</param>
    /// <param name="offset">First row.</param>
    /// <param name="count">Rows to measure.</param>
    /// <param name="format">json (default) or csv.</param>
    /// <param name="sender">The mediator: the use case checks, decodes and measures.</param>
    /// <param name="request">For the uploaded files.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<Ok<MorphometricsResponse>, ContentHttpResult>> Measure(
        [FromQuery, Description("Dataset id; when given, uploads are ignored.")] string? dataset,
        [FromQuery, Description("Split of the dataset (default: its first).")] string? split,
        [FromQuery, Description("First row (default 0).")] int? offset,
        [FromQuery, Description("Rows to measure (default 100).")] int? count,
        [FromQuery, Description("json (default) or csv.")] string? format,
        ISender sender,
        HttpRequest request,
        CancellationToken cancellationToken)
    {
        bool csv = (format ?? "json").ToUpperInvariant() switch
        {
            "JSON" => false,
            "CSV" => true,
            _ => throw new RequestValidationException("format", $"Unknown format '{format}'. Use json or csv."),
        };

        bool uploads = string.IsNullOrEmpty(dataset);
        var rows = await sender.Send(
            new MeasureMorphometricsRequest(dataset, split, offset ?? 0, count ?? 100, uploads ? await ReadUploadsAsync(request, cancellationToken) : []),
            cancellationToken);

        return csv
            ? TypedResults.Text(MorphometricsCsv.Write(rows, withNames: uploads), CsvContentType)
            : TypedResults.Ok(new MorphometricsResponse(Morphometrics.ColumnNames, [.. rows.Select(MorphometricsRow.From)]));
    }

    private static async Task<List<UploadedImage>> ReadUploadsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            throw new RequestValidationException("files", "Send PNG images as multipart/form-data, or name a dataset.");
        }

        var form = await UploadForm.ReadAsync(request, cancellationToken);
        var images = new List<UploadedImage>(form.Files.Count);
        foreach (var file in form.Files)
        {
            using var stream = new MemoryStream();
            await file.CopyToAsync(stream, cancellationToken);
            images.Add(new UploadedImage(file.FileName, stream.ToArray()));
        }

        return images;
    }
}

/// <summary>Measurements of several images; NaN (a constant image) is null.</summary>
public sealed record MorphometricsResponse(IReadOnlyList<string> Columns, IReadOnlyList<MorphometricsRow> Rows);

/// <summary>One measured image: index (row of the dataset, or upload order), name (split or file name) and the six values.</summary>
public sealed record MorphometricsRow(int Index, string Name, double? Area, double? Length, double? Thickness, double? Slant, double? Width, double? Height)
{
    public static MorphometricsRow From(MeasuredImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var m = image.Morphometrics;
        return new(image.Index, image.Name, N(m.Area), N(m.Length), N(m.Thickness), N(m.Slant), N(m.Width), N(m.Height));
    }

    private static double? N(double v) => double.IsNaN(v) ? null : v;
}
