using DigitForge.Api.Http;

namespace DigitForge.Api.Endpoints;

/// <summary>
/// The OpenAPI metadata and access rules that the endpoints for a run's files (<see cref="RunArtifactApi"/>,
/// <see cref="RunImageApi"/>) share, so that uploads, listings and downloads of either kind answer alike.
/// </summary>
internal static class RunFileEndpoints
{
    /// <summary>
    /// An upload of a raw request body to a run: 400 for a bad name or parameter, 404 for an unknown run, 409 for an
    /// ended run, 413 over the configured limit; needs a write key.
    /// </summary>
    public static RouteHandlerBuilder UploadsRunFile(this RouteHandlerBuilder builder, string contentType) =>
        builder.Accepts<byte[]>(contentType, "*/*")
               .ProducesValidationProblem()
               .ProducesProblem(StatusCodes.Status404NotFound)
               .ProducesProblem(StatusCodes.Status409Conflict)
               .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
               .RequiresWriteKey();

    /// <summary>A listing of a run's files: 404 for an unknown run; a tracking read.</summary>
    public static RouteHandlerBuilder ListsRunFiles(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status404NotFound)
               .IsTrackingRead();

    /// <summary>The bytes of one of a run's files: 200 with <paramref name="contentType"/>, 404 when missing; a tracking read.</summary>
    public static RouteHandlerBuilder DownloadsRunFile(this RouteHandlerBuilder builder, string contentType) =>
        builder.Produces(StatusCodes.Status200OK, contentType: contentType)
               .ListsRunFiles();
}
