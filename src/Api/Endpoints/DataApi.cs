using DigitForge.Application.DataSources;

namespace DigitForge.Api.Endpoints;

/// <summary><c>/api/data</c>: which source datasets are present in the data directory.</summary>
public static class DataApi
{
    public static IEndpointRouteBuilder MapDataApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/data").WithTags("Data");
        group.MapGet("/status", GetStatus)
             .WithName("GetDataStatus")
             .WithSummary("Source datasets in the data directory (MNIST, Fashion-MNIST, EMNIST balanced, CIFAR-10), with counts and origin");
        return app;
    }

    internal static IReadOnlyList<DataSourceStatus> GetStatus(IDigitSource digits) => digits.Status();
}
