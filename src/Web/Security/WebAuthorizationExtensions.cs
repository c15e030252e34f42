using DigitForge.Domain.Tracking;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Web.Security;

public static class WebAuthorizationExtensions
{
    /// <summary>The policies of <see cref="AuthPolicies"/>, their handler, and the authentication state pages cascade.</summary>
    public static IServiceCollection AddDigitForgeAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.TrackingRead, policy => policy.AddRequirements(new ScopeRequirement(ApiScopes.Read)))
            .AddPolicy(AuthPolicies.TrackingWrite, policy => policy.AddAuthenticationSchemes(AuthSchemes.ApiKey).AddRequirements(new ScopeRequirement(ApiScopes.Write)))
            .AddPolicy(AuthPolicies.KeysAdmin, policy => policy.AddAuthenticationSchemes(AuthSchemes.ApiKey).AddRequirements(new ScopeRequirement(ApiScopes.Admin)))
            .AddPolicy(AuthPolicies.UiWrite, policy => policy.AddAuthenticationSchemes(AuthSchemes.Cookie).AddRequirements(new ScopeRequirement(ApiScopes.Write)));
        services.AddSingleton<IAuthorizationHandler, ScopeAuthorizationHandler>();
        services.AddScoped<TrackingWriteAccess>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, KeyRevalidatingStateProvider>();
        return services;
    }
}
