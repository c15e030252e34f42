using DigitForge.Web.Security;

namespace DigitForge.Api.Http.Authentication;

/// <summary>
/// The problem details of refused API requests, the same from either scheme: 401 when no valid key came (missing,
/// unknown, revoked), with <c>WWW-Authenticate: Bearer</c>; 403 when a valid key lacks the scope the endpoint needs.
/// </summary>
internal static class AuthProblems
{
    public static Task KeyRequiredAsync(HttpContext context) =>
        UnauthorizedAsync(context, "An API key is required.",
            $"Send the key as 'Authorization: Bearer <key>' or '{AuthSchemes.ApiKeyHeader}: <key>'. Keys come from DIGITFORGE_API_KEYS or `digitforge keys create`.");

    public static Task UnauthorizedAsync(HttpContext context, string title, string detail)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: title, detail: detail).ExecuteAsync(context);
    }

    public static Task ForbiddenAsync(HttpContext context)
    {
        string scope = context.GetEndpoint()?.Metadata.GetMetadata<RequiredScopeMetadata>()?.Scope ?? "another";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "The API key lacks the scope this needs.",
            detail: $"This needs a key with the '{scope}' scope (admin includes write, write includes read); see `digitforge keys list`.")
            .ExecuteAsync(context);
    }
}

/// <summary>The scope an endpoint needs, named in its 403.</summary>
internal sealed record RequiredScopeMetadata(string Scope);
