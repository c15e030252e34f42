namespace DigitForge.Api.Http;

/// <summary>
/// Which generating group a request belongs to, by route: the one list the rate limits apply to, kept beside them so
/// that the endpoint files need no edit. Anything not listed (health, tracking, catalog reads, the UI) is unlimited.
/// </summary>
internal static class EndpointGroups
{
    public const string Heavy = "heavy";
    public const string Light = "light";

    /// <summary>The group of a request, or null when it is not limited.</summary>
    public static string? Of(HttpRequest request)
    {
        var path = request.Path;
        string method = request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
        {
            if (path.StartsWithSegments("/api/mnist1d/templates"))
            {
                return Light;
            }

            if (path.StartsWithSegments("/api/mnist1d") || path.StartsWithSegments("/api/spirals") || path.StartsWithSegments("/api/mnist-c.zip")
                || (path.StartsWithSegments("/api/datasets") && path.Value!.EndsWith("/download", StringComparison.Ordinal)))
            {
                return Heavy;
            }

            if (path.StartsWithSegments("/sequence") || path.StartsWithSegments("/api/corruptions") || path.StartsWithSegments("/api/compositions")
                || (path.StartsWithSegments("/api/datasets") && path.Value!.Contains("/rows", StringComparison.Ordinal)))
            {
                return Light;
            }

            return null;
        }

        if (HttpMethods.IsPost(method))
        {
            if (path.StartsWithSegments("/api/morphometrics") || path.StartsWithSegments("/api/datasets"))
            {
                return Heavy;
            }

            // A launch only validates and queues (the queue and the workers bound the work); scripts submit sweeps of
            // dozens in a row, which the heavy bucket (30 then 10/s) refused.
            if (path.StartsWithSegments("/api/compositions")
                || ((path.StartsWithSegments("/api/kinds") || path.StartsWithSegments("/api/experiments")) && path.Value!.EndsWith("/runs", StringComparison.Ordinal)))
            {
                return Light;
            }
        }

        return null;
    }
}
