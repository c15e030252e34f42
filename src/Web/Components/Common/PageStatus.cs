using Microsoft.AspNetCore.Http;

namespace DigitForge.Web.Components.Common;

/// <summary>
/// The HTTP status of a server-rendered page (400 for a malformed query value, 404 for a missing run or dataset), set
/// while the page is rendered for its request; later interactive renders have no HttpContext and leave it alone.
/// </summary>
public static class PageStatus
{
    public static void Set(HttpContext? context, int status)
    {
        if (context is { Response.HasStarted: false })
        {
            context.Response.StatusCode = status;
        }
    }
}
