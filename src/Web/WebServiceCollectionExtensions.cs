using DigitForge.Web.Components;
using DigitForge.Web.Components.Tracking;
using DigitForge.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace DigitForge.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>
    /// Razor components on MudBlazor: interactive Server rendering (prerendered, then live over a circuit) for the
    /// pages that are moved over, static server rendering for those still posting plain forms.
    /// </summary>
    public static IServiceCollection AddDigitForgeWeb(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();

        // Pages and the job panel read the signed-in user from the cascaded authentication state; some still need the request.
        services.AddHttpContextAccessor();
        services.AddDigitForgeAuthorization();
        services.AddScoped<RunPageLoader>();
        services.AddScoped<Components.Tracking.Experiments.ExperimentReads>();
        return services;
    }

    public static IEndpointRouteBuilder MapDigitForgeWeb(this IEndpointRouteBuilder app)
    {
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
