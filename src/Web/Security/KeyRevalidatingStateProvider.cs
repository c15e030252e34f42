using DigitForge.Application.Tracking.ApiKeys;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DigitForge.Web.Security;

/// <summary>
/// A live circuit keeps the user it started with; this checks every minute that the signed-in key still exists and
/// is not revoked, and otherwise makes the circuit anonymous, so protected pages it shows give way to sign-in.
/// </summary>
public sealed class KeyRevalidatingStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        string? hash = KeyPrincipal.HashOf(authenticationState.User);
        if (hash is null)
        {
            return true; // anonymous stays anonymous
        }

        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApiKeyVerifier>().FindByHashAsync(hash, cancellationToken) is not null;
    }
}
