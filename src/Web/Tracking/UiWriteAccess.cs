using DigitForge.Application.Tracking.ApiKeys;
using Microsoft.AspNetCore.Http;

namespace DigitForge.Web.Tracking;

/// <summary>
/// Whether a write from a live page (create a dataset, delete or restore a run, edit tags, launch) may go ahead: as
/// the API's writes, it needs the key signed in at /signin when keys exist. The circuit's connection request carries
/// the same cookies; with no request context at all the write is refused.
/// </summary>
public sealed class UiWriteAccess(ApiKeyVerifier keys, IHttpContextAccessor accessor)
{
    /// <summary>Null when allowed; otherwise the message to show (<paramref name="action"/> reads "Deleting a run").</summary>
    public async Task<string?> RefusalAsync(string action, HttpContext? context = null)
    {
        var request = context ?? accessor.HttpContext;
        if (request is not null && await keys.CheckAsync(TrackingKeyCookie.Read(request), request.RequestAborted) is ApiKeyCheck.NotRequired or ApiKeyCheck.Valid)
        {
            return null;
        }

        return $"{action} needs an API key: sign in at /signin first.";
    }
}
