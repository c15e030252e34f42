namespace DigitForge.Web.Security;

/// <summary>
/// The authentication schemes: an API key in a header for scripts and clients, the sign-in cookie for the UI, and the
/// default that picks between them per request (a key header wins, else the cookie).
/// </summary>
public static class AuthSchemes
{
    /// <summary>The default: forwards to <see cref="ApiKey"/> when the request carries a key header, else to <see cref="Cookie"/>.</summary>
    public const string Default = "DigitForge";

    /// <summary><c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key: &lt;key&gt;</c>.</summary>
    public const string ApiKey = "ApiKey";

    /// <summary>The UI's sign-in cookie, made by /signin from a valid key.</summary>
    public const string Cookie = "SignInCookie";

    /// <summary>The header clients send the key in (besides <c>Authorization: Bearer</c>).</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The sign-in cookie's name (unchanged since the cookie held the encrypted key itself).</summary>
    public const string CookieName = "DigitForge.Key";
}
