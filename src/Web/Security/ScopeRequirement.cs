using DigitForge.Domain.Tracking;
using Microsoft.AspNetCore.Authorization;

namespace DigitForge.Web.Security;

/// <summary>The scope a policy needs; <see cref="ScopeAuthorizationHandler"/> decides it.</summary>
public sealed class ScopeRequirement(ApiScopes scope) : IAuthorizationRequirement
{
    public ApiScopes Scope { get; } = scope;
}
