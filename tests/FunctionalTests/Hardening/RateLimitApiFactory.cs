using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.FunctionalTests.Hardening;

/// <summary>
/// The API with tight rate limits (two heavy requests per client, three in all, a burst of five), where a test names
/// the client with <see cref="ClientHeader"/>: the in-process test server has no remote address, so a startup filter
/// sets the one a real connection would carry.
/// </summary>
public sealed class RateLimitApiFactory : DigitForgeApiFactory
{
    public const string ClientHeader = "X-Test-Client";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("DIGITFORGE_API_KEYS", string.Empty);
        builder.UseSetting("DigitForge:RateLimits:Enabled", "true");
        builder.UseSetting("DigitForge:RateLimits:HeavyConcurrency", "3");
        builder.UseSetting("DigitForge:RateLimits:HeavyConcurrencyPerClient", "2");
        builder.UseSetting("DigitForge:RateLimits:HeavyBurst", "5");
        builder.UseSetting("DigitForge:RateLimits:HeavyTokensPerSecond", "1");
        builder.UseSetting("DigitForge:Datasets:MaxConcurrentStreams", "4");
        builder.UseSetting("DigitForge:Datasets:MaxStreamsPerClient", "1");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, RemoteAddressFromHeader>());
    }

    private sealed class RemoteAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(ClientHeader, out var client) && int.TryParse(client, out int n))
                {
                    context.Connection.RemoteIpAddress = new IPAddress([10, 0, 0, (byte)n]);
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
