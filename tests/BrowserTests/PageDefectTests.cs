using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace DigitForge.BrowserTests;

/// <summary>
/// The defects issue 20 listed, in Debian's chromium: a launched experiment's run page keeping its stylesheet with
/// charts of a fixed size, the spirals plot on a dataset page, the Sequences page's errors, malformed query values
/// (a message and 400, never 500) and not-found pages (404).
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class PageDefectTests(BrowserFixture fixture)
{
    private static readonly PageWaitForFunctionOptions Wait = new() { Timeout = 60_000, PollingInterval = 200 };

    [SkippableFact]
    public async Task A_launched_experiment_keeps_its_stylesheet_and_its_charts_keep_their_size()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);

        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };
        // A tiny classifier (logistic regression, a few epochs on 400 MNIST-1D rows): per-epoch curves in seconds.
        var launch = await http.PostAsJsonAsync("/api/experiments/classifier/runs", new
        {
            parameters = new
            {
                model = "logistic",
                epochs = 6,
                dataset = "{\"generator\": \"mnist1d\", \"parameters\": {\"mode\": \"keyed\"}, \"seed\": 1, \"splits\": {\"train\": 400, \"test\": 100}}",
            },
            name = "ui-defect-classifier",
        });
        Assert.True(launch.IsSuccessStatusCode, await launch.Content.ReadAsStringAsync());
        string runId = (await launch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var page = await fixture.Browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(new Uri(fixture.BaseAddress, $"/runs/{runId}").ToString());

        // The job panel is there (a launched run) and the tracking stylesheet is still applied next to it.
        await page.Locator("#job-panel").WaitForAsync();
        Assert.True(await page.EvaluateAsync<bool>(
            "() => [...document.styleSheets].some(s => (s.href || '').endsWith('/tracking/tracking.css'))"), "tracking.css is not loaded");

        // The job runs while the page is open: its end arrives over the circuit, without a reload.
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.WaitForFunctionAsync("() => document.getElementById('job-panel')?.dataset.jobStatus === 'FINISHED'", null, Wait);

        // Then watch a chart's height over a few seconds: it must stay bounded and steady.
        await page.WaitForFunctionAsync("() => document.querySelector('figure.chart canvas') !== null", null, Wait);
        await page.WaitForFunctionAsync("() => document.getElementById('run-page')?.dataset.chartsReady === 'true'", null, Wait);
        double first = await ChartHeightAsync(page);
        await Task.Delay(4000);
        double later = await ChartHeightAsync(page);
        Assert.InRange(first, 100, 400);
        Assert.InRange(later, 100, 400);
        Assert.True(Math.Abs(later - first) < 2, $"chart height changed from {first} to {later}");
        await BrowserFixture.SaveScreenshotAsync(page, "launched-run.png");
        Assert.Empty(errors);
        await page.CloseAsync();
    }

    [SkippableFact]
    public async Task The_spirals_dataset_page_shows_its_plot()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);

        string id = await CreateDatasetAsync("{\"generator\": \"spirals\", \"seed\": 3}");
        var page = await fixture.Browser!.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.BaseAddress, $"/datasets/{id}").ToString());
        string src = (await page.GetAttributeAsync("#spiral-plot img", "src"))!;
        Assert.DoesNotContain("&amp;", src, StringComparison.Ordinal);
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('#spiral-plot img'); return i && i.complete && i.naturalWidth > 0; }", null, Wait);
        await page.CloseAsync();
    }

    [SkippableFact]
    public async Task The_sequences_page_shows_the_error_instead_of_a_broken_image()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);

        var page = await fixture.Browser!.NewPageAsync();
        var response = await page.GotoAsync(new Uri(fixture.BaseAddress, "/sequences?digits=12&filters=no-such-filter&seed=1").ToString());
        Assert.Equal(400, response!.Status);
        string text = await page.Locator("#sequence-errors").InnerTextAsync();
        Assert.Contains("no-such-filter", text, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#sequence-image").CountAsync());

        response = await page.GotoAsync(new Uri(fixture.BaseAddress, "/sequences?digits=12x").ToString());
        Assert.Equal(400, response!.Status);
        Assert.Contains("digits", await page.Locator("#sequence-errors").InnerTextAsync(), StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [SkippableFact]
    public async Task Malformed_query_values_answer_400_with_a_message_naming_the_field()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);

        string dataset = await CreateDatasetAsync("{\"generator\": \"mnist1d\", \"parameters\": {\"mode\": \"keyed\"}, \"seed\": 1, \"splits\": {\"train\": 50, \"test\": 10}}");
        var page = await fixture.Browser!.NewPageAsync();
        foreach (var (url, field) in new[]
        {
            ("/corruptions?index=abc", "index"),
            ("/runs?experiment=abc", "experiment"),
            ($"/datasets/{dataset}?offset=abc", "offset"),
            ("/compare?diff=maybe", "diff"),
        })
        {
            var response = await page.GotoAsync(new Uri(fixture.BaseAddress, url).ToString());
            Assert.True(response!.Status == 400, $"{url} answered {response.Status}");
            string message = await page.Locator("#query-problems").InnerTextAsync();
            Assert.Contains(field, message, StringComparison.Ordinal);
            Assert.Contains("abc", message.Replace("maybe", "abc", StringComparison.Ordinal), StringComparison.Ordinal);
        }

        await page.CloseAsync();
    }

    [SkippableFact]
    public async Task Pages_for_things_that_do_not_exist_answer_404_and_say_so()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);

        var page = await fixture.Browser!.NewPageAsync();
        var response = await page.GotoAsync(new Uri(fixture.BaseAddress, "/runs/no-such-run").ToString());
        Assert.Equal(404, response!.Status);
        Assert.Contains("no-such-run", await page.Locator("#run-missing").InnerTextAsync(), StringComparison.Ordinal);

        response = await page.GotoAsync(new Uri(fixture.BaseAddress, $"/datasets/{new string('0', 64)}").ToString());
        Assert.Equal(404, response!.Status);
        Assert.True(await page.Locator("#dataset-missing").IsVisibleAsync());

        response = await page.GotoAsync(new Uri(fixture.BaseAddress, "/compare?runs=nope1,nope2").ToString());
        Assert.Equal(404, response!.Status);
        Assert.Contains("nope1", await page.Locator("#missing-runs").InnerTextAsync(), StringComparison.Ordinal);
        await page.CloseAsync();
    }

    private static Task<double> ChartHeightAsync(IPage page) =>
        page.EvaluateAsync<double>("() => document.querySelector('figure.chart').getBoundingClientRect().height");

    private async Task<string> CreateDatasetAsync(string spec)
    {
        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };
        using var content = new StringContent(spec, System.Text.Encoding.UTF8, "application/json");
        var response = await http.PostAsync(new Uri("/api/datasets", UriKind.Relative), content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
