using DigitForge.Application.Tracking.Runs;
using DigitForge.Application.Tracking.Runs.CreateRun;
using DigitForge.Application.Tracking.Runs.LogBatch;
using DigitForge.Application.Tracking.Runs.UpdateRun;
using DigitForge.Infrastructure.Encoding;
using DigitForge.Infrastructure.TrackingClient;
using Microsoft.Playwright;

namespace DigitForge.BrowserTests;

/// <summary>
/// The tracking UI in Debian's chromium: runs table (MudDataGrid) → run page (charts drawn, live updates pushed over the
/// circuit while RUNNING) → compare. The data is logged through the REST API while the pages are open, as a training
/// script would.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class TrackingPagesTests(BrowserFixture fixture)
{
    // Generous: in CI the suite's other test assemblies share the two cores, and a circuit can take long to connect.
    private static readonly PageWaitForFunctionOptions Wait = new() { Timeout = 60_000, PollingInterval = 200 };

    [SkippableFact]
    public async Task A_running_run_updates_live_and_two_runs_compare_overlaid()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);

        Uri baseAddress = fixture.BaseAddress;
        using var http = new HttpClient { BaseAddress = baseAddress };
        var client = new TrackingClient(http);
        string experiment = $"browser-{Guid.NewGuid():N}"[..20];
        var first = await client.CreateRunAsync(new CreateRunRequest(ExperimentName: experiment, Name: "first"));
        var second = await client.CreateRunAsync(new CreateRunRequest(ExperimentName: experiment, Name: "second"));
        await client.LogMetricsAsync(first.Id, Enumerable.Range(0, 50).Select(i => new MetricInput("loss", 1.0 / (i + 1), i)));
        await client.LogMetricsAsync(second.Id, Enumerable.Range(0, 50).Select(i => new MetricInput("loss", 2.0 / (i + 1), i)));
        await client.LogBatchAsync(first.Id, new LogBatchRequest(Params: [new("model", "cnn"), new("batch", "64")]));
        await client.LogBatchAsync(second.Id, new LogBatchRequest(Params: [new("model", "mlp"), new("batch", "64")]));

        await using var context = await fixture.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        // Runs table → run page.
        await page.GotoAsync($"/runs?experiment={first.ExperimentId}");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.ClickAsync("#runs a.run-link:text-is('first')");
        await page.WaitForURLAsync($"**/runs/{first.Id}");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.WaitForFunctionAsync("() => document.getElementById('run-page')?.dataset.chartsReady === 'true'", null, Wait);
        Assert.Equal("50", await page.GetAttributeAsync("figure.chart[data-key=loss]", "data-points"));

        // Logged while the page is open: a new metric, more points and an image appear without a reload.
        await client.LogMetricsAsync(first.Id, Enumerable.Range(50, 25).Select(i => new MetricInput("loss", 1.0 / (i + 1), i)));
        await client.LogBatchAsync(first.Id, new LogBatchRequest(Metrics: [new("val/acc", 0.5, 74)]));
        await client.LogImageAsync(first.Id, "samples", 74, PngEncoder.EncodeGray8(new byte[28 * 28], 28, 28), "grid");
        await page.WaitForFunctionAsync("() => document.querySelector('figure.chart[data-key=loss]')?.dataset.points === '75'", null, Wait);
        // One value so far: a number (with a bar, it is a fraction), not a chart of one point.
        await page.WaitForFunctionAsync("() => document.querySelector('#single-metrics [data-key=\"val/acc\"] .single-value')?.textContent === '0.5'", null, Wait);
        Assert.Equal(0, await page.Locator("figure.chart[data-key='val/acc']").CountAsync());
        await page.WaitForFunctionAsync("() => document.querySelector('figure.image-panel[data-key=samples] img')?.naturalWidth === 28", null, Wait);
        // The table re-renders on its own under load: wait for it rather than read it once.
        await page.WaitForFunctionAsync("() => document.querySelector('#latest-metrics tr[data-key=loss] td:nth-child(6)')?.textContent?.trim() === '75'", null, Wait);

        // Ending the run turns the badge and stops the refresh.
        await client.UpdateRunAsync(first.Id, new UpdateRunRequest(Status: "FINISHED"));
        await page.WaitForFunctionAsync("() => document.querySelector('h1 .badge')?.textContent === 'FINISHED'", null, Wait);

        // Back to the table: tick both runs and compare.
        await page.GotoAsync($"/runs?experiment={first.ExperimentId}");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.Locator($"#runs tr:has(a[data-run-id='{first.Id}']) input[type=checkbox]").CheckAsync();
        await page.Locator($"#runs tr:has(a[data-run-id='{second.Id}']) input[type=checkbox]").CheckAsync();
        // The circuit may still be applying the ticks (the table re-renders under load): click once it counts both.
        await page.WaitForFunctionAsync("() => document.getElementById('compare-button')?.textContent?.includes('(2)') && !document.getElementById('compare-button').disabled", null, Wait);
        await page.ClickAsync("#compare-button");
        await page.WaitForURLAsync("**/compare?**");
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.WaitForFunctionAsync("() => document.getElementById('compare-charts')?.dataset.chartsReady === 'true'", null, Wait);
        await page.WaitForFunctionAsync("() => document.querySelector('#compare-charts figure.chart[data-key=loss]')?.dataset.series === '2'", null, Wait);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#compare-params tbody tr').length === 2", null, Wait);
        await page.CheckAsync("#diff-only");
        await page.WaitForURLAsync("**diff=true**");
        // The URL changes before the circuit re-renders the table.
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#compare-params tbody tr').length === 1", null, Wait);
        await BrowserFixture.SaveScreenshotAsync(page, "tracking-compare.png");

        Assert.Empty(errors);
    }
}
