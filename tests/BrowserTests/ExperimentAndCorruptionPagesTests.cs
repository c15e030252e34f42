using Microsoft.Playwright;

namespace DigitForge.BrowserTests;

/// <summary>
/// The pages added with jobs and corruptions, in Debian's chromium: launching a (short) MNIST-1D benchmark from the
/// form built from its schema until its run page shows the results table, and the corruption gallery's pictures.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ExperimentAndCorruptionPagesTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task A_benchmark_launched_from_the_form_ends_with_its_results_table()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);

        var page = await fixture.Browser!.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.BaseAddress, "/launch?kind=mnist1d-benchmark").ToString());
        await BrowserFixture.WaitForInteractiveAsync(page); // the launch form is live (MudBlazor over the circuit)
        await page.FillAsync("#p-steps", "30");
        await page.FillAsync("#p-eval_every", "10");
        await page.FillAsync("#p-models", "logistic,mlp");
        await page.ClickAsync("#launch");
        await page.WaitForFunctionAsync("() => location.pathname.startsWith('/runs/')", null, new PageWaitForFunctionOptions { Timeout = 90_000, PollingInterval = 250 });

        // The job runs in the test host's embedded runner; reload until the panel says it ended.
        var deadline = DateTime.UtcNow.AddMinutes(3);
        string? status = null;
        while (DateTime.UtcNow < deadline)
        {
            status = await page.Locator("#job-panel").GetAttributeAsync("data-job-status");
            if (status is "FINISHED" or "FAILED" or "CANCELLED")
            {
                break;
            }

            await Task.Delay(1000);
            await page.ReloadAsync();
        }

        Assert.Equal("FINISHED", status);
        string results = await page.Locator("#benchmark-results").InnerTextAsync();
        Assert.Contains("logistic", results, StringComparison.Ordinal);
        Assert.Contains("mlp", results, StringComparison.Ordinal);
        await BrowserFixture.SaveScreenshotAsync(page, "benchmark-run.png");
        await page.CloseAsync();
    }

    [SkippableFact]
    public async Task The_corruption_gallery_shows_every_corruption_before_and_after()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);

        var page = await fixture.Browser!.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.BaseAddress, "/corruptions").ToString());
        // The live circuit re-renders the prerendered gallery: scroll its own images, not the prerendered ones.
        await BrowserFixture.WaitForInteractiveAsync(page);
        foreach (string name in new[] { "swirl", "rotate90", "impulse_noise", "fog", "canny_edges", "stripe" })
        {
            Assert.Equal(1, await page.Locator($"#corruption-{name}").CountAsync());
        }

        // Lazy images: scroll each row into view, then every picture must have decoded to a real image.
        var images = page.Locator("#corruption-gallery img");
        int count = await images.CountAsync();
        Assert.True(count >= 2 * 21, $"expected a clean and a corrupted picture per corruption, found {count} images");
        for (int i = 0; i < count; i += 8)
        {
            await images.Nth(i).ScrollIntoViewIfNeededAsync();
        }

        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('#corruption-gallery img')].every(i => i.complete && i.naturalWidth > 0)",
            null,
            new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 250 });
        await BrowserFixture.SaveScreenshotAsync(page, "corruptions.png");
        await page.CloseAsync();
    }
}
