using DigitForge.Api.Http.Authentication;
using DigitForge.Web.Security;

namespace DigitForge.Api.Http;

/// <summary>
/// What the endpoints need, as authorization policies (<see cref="AuthPolicies"/>): tracking reads, writes (also
/// dataset creation and uploads) and key administration, applied with <c>RequireAuthorization</c> to endpoints and
/// groups. A refusal is a 401 problem (no valid key) or a 403 problem naming the scope (a key without it).
/// </summary>
internal static class AuthorizationConventions
{
    public static RouteHandlerBuilder RequiresWriteKey(this RouteHandlerBuilder builder) =>
        builder.Requires(AuthPolicies.TrackingWrite, "write")
               .ProducesProblem(StatusCodes.Status401Unauthorized)
               .ProducesProblem(StatusCodes.Status403Forbidden);

    public static RouteHandlerBuilder IsTrackingRead(this RouteHandlerBuilder builder) =>
        builder.Requires(AuthPolicies.TrackingRead, "read");

    /// <summary>A whole group for keys with the admin scope (never open, even on a server without keys).</summary>
    public static RouteGroupBuilder RequiresAdminKey(this RouteGroupBuilder group) =>
        group.Requires(AuthPolicies.KeysAdmin, "admin");

    private static TBuilder Requires<TBuilder>(this TBuilder builder, string policy, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy).WithMetadata(new RequiredScopeMetadata(scope));
}
