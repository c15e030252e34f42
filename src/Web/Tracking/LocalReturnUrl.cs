using Microsoft.AspNetCore.Http.HttpResults;

namespace DigitForge.Web.Tracking;

/// <summary>
/// Where sign-in may send a person back to: only a local URL by the framework's own check
/// (<see cref="RedirectHttpResult.IsLocalUrl"/>, which refuses <c>//host</c>, <c>/\host</c> and control characters such
/// as the tab of <c>/%09/evil.example/</c> that browsers drop), else the default. A line feed, which made the
/// redirect's Location header throw (500), is refused the same way (issue 21, finding 5).
/// </summary>
public static class LocalReturnUrl
{
    public static string OrDefault(string? url, string fallback) =>
        url is { Length: > 0 } && RedirectHttpResult.IsLocalUrl(url) && !url.Any(char.IsControl) ? url : fallback;
}
