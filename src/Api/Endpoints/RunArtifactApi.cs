using DigitForge.Application.Tracking;
using DigitForge.Application.Tracking.Artifacts;
using DigitForge.Application.Tracking.Artifacts.DownloadArtifact;
using DigitForge.Application.Tracking.Artifacts.ListArtifacts;
using DigitForge.Application.Tracking.Artifacts.UploadArtifact;
using Mediator;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace DigitForge.Api.Endpoints;

/// <summary><c>/api/runs/{runId}/artifacts</c>: files of a run (checkpoints, bundles, logs), stored by the artifact store.</summary>
public static class RunArtifactApi
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IEndpointRouteBuilder MapRunArtifactApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/runs/{runId}/artifacts").WithTags("Artifacts");
        group.MapPut("/{**path}", Upload)
             .WithName("UploadArtifact")
             .WithSummary("Upload a file (raw request body) to a relative path, e.g. checkpoints/model.pt; the same path again replaces it")
             .WithDescription("Paths are letters, digits and ._-+=@ in '/'-separated folders; '..' and absolute paths are refused (400). " +
                              "Files over DigitForge:Tracking:MaxArtifactBytes are refused (413) and nothing is kept.")
             .UploadsRunFile("application/octet-stream");
        group.MapGet("/", List)
             .WithName("ListArtifacts")
             .WithSummary("The run's artifacts with size and SHA-256; ?prefix= lists one folder")
             .ListsRunFiles();
        group.MapGet("/{**path}", Download)
             .WithName("DownloadArtifact")
             .WithSummary("Download an artifact (Range requests supported; ETag is its SHA-256)")
             .DownloadsRunFile("application/octet-stream");
        return app;
    }

    internal static async Task<Created<ArtifactDto>> Upload(
        string runId,
        string path,
        HttpContext context,
        ISender sender,
        IOptions<TrackingOptions> options,
        CancellationToken cancellationToken)
    {
        // Kestrel's default body limit (30 MB) is below the artifact limit; the store enforces ours while streaming.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.Value.MaxArtifactBytes + 1;
        }

        var artifact = await sender.Send(new RunUploadArtifactRequest(runId, path, context.Request.Body, context.Request.ContentLength), cancellationToken);
        return TypedResults.Created($"/api/runs/{runId}/artifacts/{artifact.Path}", artifact);
    }

    internal static async Task<Ok<IReadOnlyList<ArtifactDto>>> List(string runId, string? prefix, ISender sender, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListArtifactsRequest(runId, prefix), cancellationToken));

    internal static async Task<FileStreamHttpResult> Download(string runId, string path, ISender sender, CancellationToken cancellationToken)
    {
        var (artifact, content) = await sender.Send(new DownloadArtifactRequest(runId, path), cancellationToken);
        string contentType = ContentTypes.TryGetContentType(artifact.Path, out string? type) ? type : "application/octet-stream";
        return TypedResults.File(
            content,
            contentType,
            fileDownloadName: Path.GetFileName(artifact.Path),
            lastModified: artifact.CreatedAt,
            entityTag: new EntityTagHeaderValue($"\"{artifact.Sha256}\""),
            enableRangeProcessing: true);
    }
}
