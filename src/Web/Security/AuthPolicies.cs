namespace DigitForge.Web.Security;

/// <summary>
/// The authorization policies, one per scope and front end. The API's write and admin policies look only at the key
/// header, never at the cookie, so a cross-site request riding the cookie cannot write; the UI's forms (which carry
/// antiforgery tokens) write with the cookie through <see cref="UiWrite"/>.
/// </summary>
public static class AuthPolicies
{
    /// <summary>Tracking reads, API and pages: open while reads are public or no key exists, else a key or cookie with read.</summary>
    public const string TrackingRead = "tracking.read";

    /// <summary>API writes: open while no key exists, else a key header with write.</summary>
    public const string TrackingWrite = "tracking.write";

    /// <summary>Key management over the API: always a key header with admin, even on a server without keys.</summary>
    public const string KeysAdmin = "keys.admin";

    /// <summary>Writes from the UI's own forms (launch, cancel, re-run): open while no key exists, else a signed-in key with write.</summary>
    public const string UiWrite = "ui.write";
}
