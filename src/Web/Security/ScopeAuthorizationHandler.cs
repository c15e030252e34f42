using DigitForge.Application.Tracking;
using DigitForge.Application.Tracking.ApiKeys;
using DigitForge.Domain.Tracking;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DigitForge.Web.Security;

/// <summary>
/// Grants a <see cref="ScopeRequirement"/> when the user's key holds the scope (<see cref="ApiScopeRules"/>), when it
/// is a read and reads are public, or, for reads and writes, while no key exists at all (a fresh server is open, as it
/// always was). Admin is never open. The key check runs in its own scope: in a Blazor circuit the circuit's
/// DbContext may be busy with the page.
/// </summary>
public sealed class ScopeAuthorizationHandler(IServiceScopeFactory scopes, IOptionsMonitor<TrackingOptions> options)
    : AuthorizationHandler<ScopeRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        if (ApiScopeRules.Grants(KeyPrincipal.ScopesOf(context.User), requirement.Scope)
            || (requirement.Scope == ApiScopes.Read && options.CurrentValue.PublicReads))
        {
            context.Succeed(requirement);
            return;
        }

        if (requirement.Scope == ApiScopes.Admin)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        if (!await scope.ServiceProvider.GetRequiredService<ApiKeyVerifier>().KeysExistAsync())
        {
            context.Succeed(requirement);
        }
    }
}
