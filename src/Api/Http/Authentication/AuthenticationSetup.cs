using DigitForge.Api.Http.Authentication;
using DigitForge.Application.Tracking.ApiKeys;
using DigitForge.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Microsoft.Extensions.Hosting;

public static class AuthenticationSetup
{
    /// <summary>
    /// The schemes of <see cref="AuthSchemes"/>: the default picks the API-key scheme when a key header is present and
    /// the sign-in cookie otherwise. The cookie sends pages to /signin, but API requests get problem details.
    /// </summary>
    public static IHostApplicationBuilder AddDigitForgeAuthentication(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddAuthentication(AuthSchemes.Default)
            .AddPolicyScheme(AuthSchemes.Default, "API key or sign-in cookie", options =>
                options.ForwardDefaultSelector = context => ApiKeyAuthenticationHandler.HasKey(context.Request) ? AuthSchemes.ApiKey : AuthSchemes.Cookie)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, null)
            .AddCookie(AuthSchemes.Cookie, options =>
            {
                options.Cookie.Name = AuthSchemes.CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Cookie.IsEssential = true;
                options.ExpireTimeSpan = TimeSpan.FromDays(30);
                options.SlidingExpiration = true;
                options.LoginPath = "/signin";
                options.AccessDeniedPath = "/signin";
                options.ReturnUrlParameter = "returnUrl";
                options.Events = new CookieAuthenticationEvents
                {
                    OnValidatePrincipal = RevalidateAsync,
                    OnRedirectToLogin = context => IsApi(context.Request) ? AuthProblems.KeyRequiredAsync(context.HttpContext) : Redirect(context),
                    OnRedirectToAccessDenied = context => IsApi(context.Request) ? AuthProblems.ForbiddenAsync(context.HttpContext) : Redirect(context),
                };
            });
        return builder;
    }

    /// <summary>
    /// Checks the signed-in key again on each request (by its hash): a revoked key's cookie stops working at once, and
    /// the principal carries the key's current scopes.
    /// </summary>
    private static async Task RevalidateAsync(CookieValidatePrincipalContext context)
    {
        var verifier = context.HttpContext.RequestServices.GetRequiredService<ApiKeyVerifier>();
        var key = await verifier.FindByHashAsync(KeyPrincipal.HashOf(context.Principal), context.HttpContext.RequestAborted);
        if (key is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AuthSchemes.Cookie);
            return;
        }

        context.ReplacePrincipal(KeyPrincipal.Create(key, AuthSchemes.Cookie));
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
