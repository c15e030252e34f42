using Microsoft.Playwright;

namespace DigitForge.BrowserTests;

[Collection(BrowserTestGroup.Name)]
public sealed class SequencePageTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task Submitting_the_form_shows_the_rendered_sequence()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);

        var page = await fixture.Browser!.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.BaseAddress, "/sequences").ToString());
        await BrowserFixture.WaitForInteractiveAsync(page);

        // The live form: Render puts the values in the address and the page shows the image for them.
        await page.FillAsync("#digits", "498127");
        await page.FillAsync("#filters", "blur:sigma=1");
        await page.FillAsync("#seed", "7");
        await page.ClickAsync("#render");

        var image = page.Locator("#sequence-image");
        await image.WaitForAsync(new LocatorWaitForOptions { Timeout = 90_000 });
        await page.WaitForFunctionAsync(
            "() => { const i = document.querySelector('#sequence-image'); return i && i.complete && i.naturalWidth > 0; }",
            null,
            new PageWaitForFunctionOptions { Timeout = 90_000, PollingInterval = 250 });
        Assert.Equal(168, await image.EvaluateAsync<int>("i => i.naturalWidth"));
        Assert.Equal(28, await image.EvaluateAsync<int>("i => i.naturalHeight"));
        Assert.Contains("digits=498127", page.Url, StringComparison.Ordinal);
        await BrowserFixture.SaveScreenshotAsync(page, "sequences.png");
        await page.CloseAsync();
    }

    [SkippableFact]
    public async Task Home_page_shows_the_data_status_and_links_to_the_api()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);

        var page = await fixture.Browser!.NewPageAsync();
        await page.GotoAsync(fixture.BaseAddress.ToString());

        var firstRow = page.Locator("#data-status tbody tr").First;
        Assert.Contains("mnist", await firstRow.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("available", await firstRow.InnerTextAsync(), StringComparison.Ordinal);
        // The drawer's API link (a full page load): clicked once the page is live, so the circuit's router, not a
        // half-started one, handles the click.
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.Locator("#nav a[href='/swagger']").ClickAsync();
        await page.WaitForURLAsync("**/swagger/**", new PageWaitForURLOptions { Timeout = 90_000 });
        await BrowserFixture.SaveScreenshotAsync(page, "swagger.png");
        await page.CloseAsync();
    }
}
