using DigitForge.Api.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// The request-level defences of issue 21 in one place, so that Program.cs names them once: refusals of malformed
/// requests before endpoints bind them, security headers, rate limits on the generating endpoints, connection limits.
/// </summary>
public static class HardeningExtensions
{
    /// <summary>Options, rate limiter policies and Kestrel limits (all read from configuration when first used).</summary>
    public static WebApplicationBuilder AddRequestHardening(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddGeneratingRateLimits(builder.Configuration);
        services.AddHttpContextAccessor();
        services.AddSingleton<DigitForge.Application.Common.IRequestClient, HttpRequestClient>();
        services.AddOptions<HttpLimitOptions>().Bind(builder.Configuration.GetSection(HttpLimitOptions.SectionName));
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<HttpLimitOptions>>((kestrel, options) =>
        {
            var http = options.Value;
            kestrel.AddServerHeader = false;
            kestrel.Limits.MinResponseDataRate = http.MinResponseBytesPerSecond > 0
                // Kestrel wants a grace period over one second.
                ? new MinDataRate(http.MinResponseBytesPerSecond, TimeSpan.FromSeconds(Math.Max(1.1, http.MinResponseGraceSeconds)))
                : null;
        });
        return builder;
    }

    /// <summary>Middleware that runs after the exception handler and before routing to endpoints.</summary>
    public static WebApplication UseRequestHardening(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        int minWorkers = app.Services.GetRequiredService<IOptions<HttpLimitOptions>>().Value.MinWorkerThreads;
        ThreadPool.GetMinThreads(out int workers, out int io);
        if (minWorkers > workers)
        {
            ThreadPool.SetMinThreads(minWorkers, io);
        }

        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<JsonCharsetMiddleware>();
        app.UseRateLimiter();
        app.UseMiddleware<MinimumResponseRate>();
        return app;
    }
}
