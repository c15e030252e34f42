using System.Text.Encodings.Web;
using DigitForge.Application.Tracking.ApiKeys;
using DigitForge.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace DigitForge.Api.Http.Authentication;

/// <summary>
/// The API-key scheme: a key in <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key</c>, checked against the
/// configured and stored keys (<see cref="ApiKeyVerifier"/>). No key: no result (anonymous). A key that is unknown or
/// revoked fails, and its challenge is a 401 that says so; a valid key without the scope an endpoint needs is a 403
/// naming the scope (<see cref="AuthProblems"/>).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyVerifier verifier)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string InvalidKey = "The API key is not valid.";

    /// <summary>Whether the request carries a key header at all (the default scheme forwards here then).</summary>
    public static bool HasKey(HttpRequest request) => ReadKey(request) is not null;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? presented = ReadKey(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        var key = await verifier.FindAsync(presented, Context.RequestAborted);
        return key is null
            ? AuthenticateResult.Fail(InvalidKey)
            : AuthenticateResult.Success(new AuthenticationTicket(KeyPrincipal.Create(key, Scheme.Name), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        if (result.Failure is not null)
        {
            await AuthProblems.UnauthorizedAsync(Context, InvalidKey,
                "The key given is neither configured nor stored on this server, or it was revoked.");
            return;
        }

        await AuthProblems.KeyRequiredAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AuthProblems.ForbiddenAsync(Context);

    private static string? ReadKey(HttpRequest request)
    {
        string? authorization = request.Headers[HeaderNames.Authorization];
        if (authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            string bearer = authorization["Bearer ".Length..].Trim();
            return bearer.Length == 0 ? null : bearer;
        }

        string? header = request.Headers[AuthSchemes.ApiKeyHeader];
        return string.IsNullOrWhiteSpace(header) ? null : header.Trim();
    }
}
