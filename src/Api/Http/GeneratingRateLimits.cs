using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace DigitForge.Api.Http;

/// <summary>
/// ASP.NET Core rate limiting for the generating endpoints (<see cref="EndpointGroups"/>): a chain of a concurrency
/// limiter per group over all clients, a concurrency limiter per client and group, and a token bucket per client and
/// group. A client is its remote address (configure forwarded headers behind a proxy). Requests outside the groups,
/// <c>/health</c> among them, never wait on these limits. Rejections are 429 problem details with Retry-After.
/// </summary>
internal static class GeneratingRateLimits
{
    public static IServiceCollection AddGeneratingRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName));
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, configured) =>
        {
            var limits = configured.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = OnRejectedAsync;
            limiter.GlobalLimiter = limits.Enabled
                ? PartitionedRateLimiter.CreateChained(GroupConcurrency(limits), ClientConcurrency(limits), ClientTokens(limits))
                : PartitionedRateLimiter.Create<HttpContext, string>(_ => RateLimitPartition.GetNoLimiter(string.Empty));
        });
        return services;
    }

    /// <summary>The client a request counts against: its remote address.</summary>
    internal static string ClientOf(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static PartitionedRateLimiter<HttpContext> GroupConcurrency(RateLimitOptions limits) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context => EndpointGroups.Of(context.Request) switch
        {
            EndpointGroups.Heavy => RateLimitPartition.GetConcurrencyLimiter(EndpointGroups.Heavy, _ => Concurrency(limits.HeavyConcurrency)),
            _ => RateLimitPartition.GetNoLimiter(string.Empty),
        });

    private static PartitionedRateLimiter<HttpContext> ClientConcurrency(RateLimitOptions limits) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context => EndpointGroups.Of(context.Request) switch
        {
            EndpointGroups.Heavy => RateLimitPartition.GetConcurrencyLimiter(EndpointGroups.Heavy + " " + ClientOf(context), _ => Concurrency(limits.HeavyConcurrencyPerClient)),
            _ => RateLimitPartition.GetNoLimiter(string.Empty),
        });

    private static PartitionedRateLimiter<HttpContext> ClientTokens(RateLimitOptions limits) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context => EndpointGroups.Of(context.Request) switch
        {
            EndpointGroups.Heavy => RateLimitPartition.GetTokenBucketLimiter(EndpointGroups.Heavy + " " + ClientOf(context), _ => Bucket(limits.HeavyBurst, limits.HeavyTokensPerSecond)),
            EndpointGroups.Light => RateLimitPartition.GetTokenBucketLimiter(EndpointGroups.Light + " " + ClientOf(context), _ => Bucket(limits.LightBurst, limits.LightTokensPerSecond)),
            _ => RateLimitPartition.GetNoLimiter(string.Empty),
        });

    private static ConcurrencyLimiterOptions Concurrency(int permits) => new()
    {
        PermitLimit = Math.Max(1, permits),
        QueueLimit = 0,
    };

    private static TokenBucketRateLimiterOptions Bucket(int burst, int perSecond) => new()
    {
        TokenLimit = Math.Max(1, burst),
        TokensPerPeriod = Math.Max(1, perSecond),
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        // A token bucket says when its next token comes; a concurrency limit frees up when a request ends, usually soon.
        int seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "A limit is reached; retry later.",
                Detail = $"Too many generating requests from this client or in all; retry after {seconds} s.",
            },
        });
    }
}
