using DigitForge.Application.Corruptions.ExportMnistC;
using DigitForge.Application.Datasets;
using Mediator;

namespace DigitForge.Api.Endpoints;

/// <summary><c>/api/mnist-c.zip</c>: the whole MNIST-C layout (16 directories of train/test .npy files) as one zip.</summary>
public static class MnistCApi
{
    public static IEndpointRouteBuilder MapMnistCApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/mnist-c.zip", GetArchive)
           .WithTags("Datasets")
           .WithName("GetMnistCArchive")
           .WithSummary("MNIST-C as published: mnist_c/<corruption>/{train,test}_{images,labels}.npy for identity + 15 corruptions, streamed as a stored zip")
           .WithDescription("Images uint8 (N, 28, 28, 1), labels uint8 (N,). Each directory equals the mnist-c dataset with that corruption and seed. train/test limit the rows (default: all MNIST images in the data directory).");
        return app;
    }

    internal static async Task<IResult> GetArchive(ISender sender, DatasetStreamLimiter limiter, HttpContext context, ulong seed = 0, int? train = null, int? test = null)
    {
        var aborted = context.RequestAborted;
        var export = await sender.Send(new ExportMnistCRequest(seed, train, test), aborted);

        // Counts against the same concurrent-stream limit as dataset bundles (429 beyond it): a full archive is minutes of CPU.
        var lease = limiter.Acquire();
        return TypedResults.Stream(
            async body =>
            {
                using (lease)
                {
                    await export.WriteZipAsync(body, cancellationToken: aborted);
                }
            },
            "application/zip",
            "mnist_c.zip");
    }
}
