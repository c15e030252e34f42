using DigitForge.Application.Training;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DigitForge.Api.Endpoints;

/// <summary>
/// <c>GET /api/engine</c>: the training engine this server (and its in-process job runner) trains with: engine and
/// libtorch versions, BLAS, CPU threads, CUDA device and memory. 503 saying how to build it when it is not installed.
/// </summary>
public static class EngineApi
{
    public static IEndpointRouteBuilder MapEngineApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/engine", Describe)
           .WithTags("Engine")
           .WithName("DescribeEngine")
           .WithSummary("The training engine: libtorch version, BLAS, CPU, CUDA device")
           .WithDescription("What `digitforge engine` prints. Jobs run on workers, which may see other devices; this is the API process's view.")
           .Produces<EngineInfo>(StatusCodes.Status200OK)
           .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <param name="trainer">The engine.</param>
    internal static Ok<EngineInfo> Describe(ITrainer trainer) => TypedResults.Ok(trainer.Describe());
}
