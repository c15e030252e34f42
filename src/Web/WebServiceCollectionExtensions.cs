using DigitForge.Web.Components;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>Razor components rendered statically on the server (no interactive render modes here).</summary>
    public static IServiceCollection AddDigitForgeWeb(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddScoped<Tracking.TrackingReadAccess>();
        return services;
    }

    public static IEndpointRouteBuilder MapDigitForgeWeb(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app is IApplicationBuilder pipeline)
        {
            pipeline.Use(KeepPageBodies);
        }

        app.MapRazorComponents<App>();
        return app;
    }

    /// <summary>
    /// Pages answer their own 404 (no such run or dataset) and 400 (a malformed query value) with a body saying why.
    /// With the status-code-pages middleware present, the component renderer takes a changed status for "re-execute
    /// for a status page" and writes no body (a blank 404); switched off for page requests, the page's body goes out.
    /// Added after UseStatusCodePages, so it sees the feature that middleware set.
    /// </summary>
    private static RequestDelegate KeepPageBodies(RequestDelegate next) => context =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null
            && context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
            context.Features.Set<IStatusCodePagesFeature>(null);
        }

        return next(context);
    };
}
