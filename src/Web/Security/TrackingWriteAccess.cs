using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http;

namespace DigitForge.Web.Security;

/// <summary>
/// Whether the person at a page may write from the UI (launch, cancel, re-run, create a dataset, delete or restore a
/// run, edit tags): the <see cref="AuthPolicies.UiWrite"/> policy over the page's authentication state (the request's
/// user when static, the circuit's when interactive).
/// </summary>
public sealed class TrackingWriteAccess(IAuthorizationService authorization, AuthenticationStateProvider states)
{
    public async Task<bool> AllowedAsync(Task<AuthenticationState>? state)
    {
        if (state is null)
        {
            return false;
        }

        var user = (await state).User;
        return (await authorization.AuthorizeAsync(user, AuthPolicies.UiWrite)).Succeeded;
    }

    /// <summary>Null when allowed; otherwise the message to show (<paramref name="action"/> reads "Deleting a run").</summary>
    public async Task<string?> RefusalAsync(string action, HttpContext? context = null)
    {
        var user = context?.User ?? (await states.GetAuthenticationStateAsync()).User;
        return (await authorization.AuthorizeAsync(user, AuthPolicies.UiWrite)).Succeeded
            ? null
            : $"{action} needs an API key with the write scope: sign in at /signin first.";
    }
}
