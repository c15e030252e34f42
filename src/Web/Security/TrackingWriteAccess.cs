using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace DigitForge.Web.Security;

/// <summary>
/// Whether the person at a page may write from the UI (launch, cancel, re-run): the <see cref="AuthPolicies.UiWrite"/>
/// policy over the page's authentication state (the request's user when static, the circuit's when interactive).
/// </summary>
public sealed class TrackingWriteAccess(IAuthorizationService authorization)
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
}
