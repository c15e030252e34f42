using Microsoft.Playwright;

namespace DigitForge.BrowserTests;

/// <summary>
/// Every page without a run or dataset of its own, opened in a browser: it answers 200, renders its heading inside the
/// MudBlazor layout, goes live where it is interactive, and leaves no circuit error. With DIGITFORGE_SCREENSHOT_DIR set
/// it also refreshes docs/screenshots (the pages that need a run or dataset are shot by their own tests).
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class PageTourTests(BrowserFixture fixture)
{
    public static TheoryData<string, string, bool> Pages => new()
    {
        { "/", "home.png", true },
        { "/datasets", "datasets.png", true },
        { "/sequences?digits=498127&filters=blur", "sequences-form.png", true },
        { "/mnist1d", "mnist1d.png", true },
        { "/corruptions", "corruptions-form.png", true },
        { "/launch", "launch.png", true },
        { "/experiments", "experiments.png", true },
        { "/runs", "runs.png", true },
        { "/signin", "signin.png", false },
        { "/signout", "signout.png", false },
    };

    [SkippableFact]
    public async Task The_theme_toggle_switches_to_dark_mode_and_back()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        await using var context = await fixture.Browser!.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.BaseAddress, "/datasets").ToString());
        await BrowserFixture.WaitForInteractiveAsync(page);
        Assert.Equal("false", await page.GetAttributeAsync("#theme-toggle", "aria-pressed"));

        await page.ClickAsync("#theme-toggle");
        await page.WaitForSelectorAsync("#theme-toggle[aria-pressed=true]", new PageWaitForSelectorOptions { Timeout = 60_000 });
        await BrowserFixture.SaveScreenshotAsync(page, "datasets-dark.png");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.ClickAsync("#theme-toggle");
        await page.WaitForSelectorAsync("#theme-toggle[aria-pressed=false]", new PageWaitForSelectorOptions { Timeout = 60_000 });
    }

    [SkippableTheory]
    [MemberData(nameof(Pages))]
    public async Task The_page_renders_in_the_layout_without_errors(string path, string screenshot, bool interactive)
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.Browser!.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.Contains("favicon", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(message.Text);
            }
        };

        var response = await page.GotoAsync(new Uri(fixture.BaseAddress, path).ToString());

        Assert.Equal(200, response!.Status);
        if (interactive)
        {
            await BrowserFixture.WaitForInteractiveAsync(page);
        }

        Assert.Equal(1, await page.Locator(".mud-appbar").CountAsync());
        Assert.True(await page.Locator("main h1, main .mud-typography-h4, main .mud-typography-h3, main .mud-typography-h5").CountAsync() > 0, $"{path} has no heading");
        Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync(), $"{path} shows the circuit error bar");
        Assert.True(errors.Count == 0, $"{path} logged: {string.Join(" | ", errors)}");
        await BrowserFixture.SaveScreenshotAsync(page, screenshot);
        await page.CloseAsync();
    }
}
