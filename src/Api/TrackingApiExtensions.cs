using DigitForge.Api.Endpoints;

namespace Microsoft.Extensions.Hosting;

public static class TrackingApiExtensions
{
    /// <summary><c>/api/experiments</c>, <c>/api/runs</c> and the run's images and artifacts.</summary>
    public static IEndpointRouteBuilder MapTrackingApi(this IEndpointRouteBuilder app)
    {
        app.MapExperimentApi();
        app.MapRunApi();
        app.MapRunImageApi();
        app.MapRunArtifactApi();
        return app;
    }
}
