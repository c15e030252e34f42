using Microsoft.Playwright;

namespace DigitForge.BrowserTests;

/// <summary>A GAN launched from the Launch form, looked at on its run page: summary, sample grid per epoch on the slider, loss curves.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class GanRunPageTests(BrowserFixture fixture)
{
    private static readonly PageWaitForFunctionOptions Wait = new() { Timeout = 90_000, PollingInterval = 200 };

    [SkippableFact]
    public async Task A_gan_launched_from_the_form_shows_its_curves_samples_per_epoch_and_summary()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);

        var page = await fixture.Browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(new Uri(fixture.BaseAddress, "/launch?kind=gan").ToString());
        await BrowserFixture.WaitForInteractiveAsync(page); // the launch form is live (MudBlazor over the circuit)
        await page.FillAsync("#p-epochs", "3");
        await page.FillAsync("#p-batch", "32");
        await page.FillAsync("#p-z_dim", "16");
        await page.FillAsync("#p-g_filter_dim", "16");
        await page.FillAsync("#p-d_filter_dim", "16");
        await page.ClickAsync("#launch");
        await page.WaitForFunctionAsync("() => location.pathname.startsWith('/runs/')", null, new PageWaitForFunctionOptions { Timeout = 90_000, PollingInterval = 250 });

        var deadline = DateTime.UtcNow.AddMinutes(5);
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

        Assert.True(status == "FINISHED", await page.Locator("#job-panel").InnerTextAsync());
        await page.WaitForFunctionAsync("() => document.getElementById('run-page')?.dataset.chartsReady === 'true'", null, Wait);

        // The summary, rendered without knowing the kind: final losses and the last sample grid.
        Assert.Matches(@"^\d+\.\d{4}$", await page.Locator("#summary-figures dd[data-figure=g_loss]").InnerTextAsync());
        Assert.Matches(@"^\d+\.\d{4}$", await page.Locator("#summary-figures dd[data-figure=d_loss]").InnerTextAsync());
        await page.WaitForFunctionAsync("() => document.querySelector('.summary-image[data-key=samples] img')?.naturalWidth === 8 * 28 + 9 * 2", null, Wait);

        // The grid at epoch 0 and after each of the 3 epochs on the image slider; G and D losses charted per epoch.
        Assert.Equal("3", await page.GetAttributeAsync("figure.image-panel[data-key=samples] input.image-slider", "max"));
        Assert.Equal("3", await page.GetAttributeAsync("figure.chart[data-key='train/g_loss']", "data-points"));
        Assert.Equal("3", await page.GetAttributeAsync("figure.chart[data-key='train/d_loss']", "data-points"));
        await BrowserFixture.SaveScreenshotAsync(page, "gan-run.png");
        Assert.Empty(errors);
        await page.CloseAsync();
    }
}
