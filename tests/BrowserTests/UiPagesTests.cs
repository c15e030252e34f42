using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace DigitForge.BrowserTests;

/// <summary>
/// The interactive MudBlazor pages, in Debian's chromium: the datasets list with search, the dataset card (class names,
/// label histogram, loading snippets, downloads, paging), the create form's checks and the use case's errors shown at
/// their fields, deleting/restoring/tagging runs from the runs table with confirmations, and malformed query values.
/// Every check waits for the rendered value (up to 90 s): under CI load the circuit and its renders come late.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class UiPagesTests(BrowserFixture fixture)
{
    private static readonly PageWaitForFunctionOptions Wait = new() { Timeout = 90_000, PollingInterval = 250 };
    private static readonly LocatorWaitForOptions Visible = new() { Timeout = 90_000 };

    [SkippableFact]
    public async Task The_dataset_list_searches_and_the_card_shows_class_names_a_histogram_and_how_to_load_it()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);

        string fashion = await CreateDatasetAsync("{\"generator\": \"fashion-mnist\", \"splits\": {\"train\": 100, \"test\": 50}}");
        string signals = await CreateDatasetAsync("{\"generator\": \"mnist1d\", \"parameters\": {\"mode\": \"keyed\"}, \"seed\": 21, \"splits\": {\"train\": 30, \"test\": 10}}");

        var page = await NewPageAsync();
        await page.GotoAsync(Url("/datasets"));
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.Locator($"#dataset-list tr[data-id='{signals}']").WaitForAsync(Visible);

        // Search narrows the list as one types (no reload).
        await page.FillAsync("#dataset-search", "fashion");
        await page.WaitForFunctionAsync(
            $"() => !document.querySelector(\"#dataset-list tr[data-id='{signals}']\") && !!document.querySelector(\"#dataset-list tr[data-id='{fashion}']\")", null, Wait);

        // The short-id link opens the card under the full id.
        await page.Locator($"#dataset-list tr[data-id='{fashion}'] a").First.ClickAsync();
        // (A live page navigates inside the document, so wait for the address, not for a load event.)
        await page.WaitForFunctionAsync($"() => location.pathname === '/datasets/{fashion}'", null, Wait);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#gallery figure').length === 40", null, Wait);

        // Class names: the sample images' labels are i % 10, so row 0 is a T-shirt/top and row 9 an ankle boot.
        Assert.Contains("T-shirt/top", await page.Locator("#gallery figure").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(4, await page.Locator("#gallery figure[data-class-name='Ankle boot']").CountAsync());

        // The histogram counts the split's labels once the page is live: 100 rows, 10 of each class.
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#label-histogram .bar-row').length === 10", null, Wait);
        Assert.Contains("Ankle boot", await page.Locator("#label-histogram .bar-row[data-label='9']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("All 100 rows", await page.Locator("#histogram-sample").InnerTextAsync(), StringComparison.Ordinal);

        // The card: parameters, sizes, checksum; loading snippets name the arrays; downloads answer.
        string card = await page.Locator("#dataset-card").InnerTextAsync();
        Assert.Contains("train 100", card, StringComparison.Ordinal);
        Assert.Contains(fashion, card, StringComparison.Ordinal);
        string numpy = await page.Locator("#snippet-numpy").TextContentAsync() ?? string.Empty;
        Assert.Contains("x_train", numpy, StringComparison.Ordinal);
        Assert.Contains($"/api/datasets/{fashion}/download?format=npz", numpy, StringComparison.Ordinal);
        string href = (await page.Locator("#downloads a[data-format='npz']").GetAttributeAsync("href"))!;
        using (var http = new HttpClient { BaseAddress = fixture.BaseAddress })
        {
            using var download = await http.GetAsync(new Uri(href, UriKind.Relative));
            Assert.True(download.IsSuccessStatusCode, $"{href} answered {download.StatusCode}");
        }

        // Paging keeps the page live and moves the gallery on.
        await page.ClickAsync("#next-rows");
        await page.WaitForFunctionAsync("() => (document.getElementById('rows-range')?.textContent || '').includes('rows 40 to 79')", null, Wait);
        await BrowserFixture.SaveScreenshotAsync(page, "dataset-card.png");
        await page.CloseAsync();
    }

    [SkippableFact]
    public async Task The_create_form_names_bad_values_at_their_fields_and_creates_the_dataset()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);

        var page = await NewPageAsync();
        await page.GotoAsync(Url("/datasets?generator=mnist1d"));
        await BrowserFixture.WaitForInteractiveAsync(page);

        // Checked before submit: a negative row count is named at its field, nothing is sent.
        await page.FillAsync("#split-train", "-5");
        await page.ClickAsync("#create-dataset");
        await page.WaitForFunctionAsync("() => (document.getElementById('dataset-form')?.innerText || '').includes('whole number of rows')", null, Wait);
        Assert.EndsWith("/datasets?generator=mnist1d", page.Url, StringComparison.Ordinal);

        await page.FillAsync("#split-train", "60");
        await page.FillAsync("#split-test", "20");
        await page.FillAsync("#seed", "5");
        await page.ClickAsync("#create-dataset");
        await page.WaitForFunctionAsync("() => /^\\/datasets\\/[0-9a-f]{64}$/.test(location.pathname)", null, Wait);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#gallery figure').length === 40", null, Wait);

        // The use case's own errors (an unknown filter) show at the parameter's field.
        await page.GotoAsync(Url("/datasets?generator=mnist"));
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.FillAsync("#p-filters", "no-such-filter");
        await page.ClickAsync("#create-dataset");
        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('[data-parameter=filters]')].some(e => e.innerText.includes('no-such-filter') && e.querySelector('.mud-input-error'))", null, Wait);
        await page.CloseAsync();
    }

    [SkippableFact]
    public async Task Runs_are_deleted_restored_and_tagged_from_the_table_after_a_confirmation()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);

        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };
        var created = await http.PostAsJsonAsync("/api/runs", new { experimentName = "ui-pages-delete-restore", name = "to-delete" });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var run = await created.Content.ReadFromJsonAsync<JsonElement>();
        string runId = run.GetProperty("id").GetString()!;
        long experiment = run.GetProperty("experimentId").GetInt64();

        var page = await NewPageAsync();
        await page.GotoAsync(Url($"/runs?experiment={experiment}"));
        await BrowserFixture.WaitForInteractiveAsync(page);
        string row = $"a.run-link[data-run-id='{runId}']";
        await page.Locator(row).WaitForAsync(Visible);

        // Delete: a confirmation first, then the run leaves the table and the API shows it deleted.
        await page.Locator($".run-actions[data-run-id='{runId}'] .delete-run").ClickAsync();
        await page.Locator(".mud-dialog button:has-text('Delete')").ClickAsync(new LocatorClickOptions { Timeout = 90_000 });
        await page.WaitForFunctionAsync($"() => !document.querySelector(\"{row}\")", null, Wait);
        Assert.NotEqual(JsonValueKind.Null, (await GetRunAsync(http, runId)).GetProperty("deletedAt").ValueKind);

        // Restore from the deleted runs.
        await page.GetByText("Deleted runs").ClickAsync();
        await page.Locator($".run-actions[data-run-id='{runId}'] .restore-run").ClickAsync(new LocatorClickOptions { Timeout = 90_000 });
        await page.Locator(".mud-dialog button:has-text('Restore')").ClickAsync(new LocatorClickOptions { Timeout = 90_000 });
        await page.WaitForFunctionAsync($"() => !document.querySelector(\"{row}\")", null, Wait);
        Assert.Equal(JsonValueKind.Null, (await GetRunAsync(http, runId)).GetProperty("deletedAt").ValueKind);

        // Tags: add one in the editor, confirm, and the API has it.
        await page.GetByText("Deleted runs").ClickAsync();
        await page.Locator($".run-actions[data-run-id='{runId}'] .edit-tags").ClickAsync(new LocatorClickOptions { Timeout = 90_000 });
        await page.Locator("#tag-editor").WaitForAsync(Visible);
        await page.FillAsync("#new-tag-key", "stage");
        await page.FillAsync("#new-tag-value", "final");
        await page.ClickAsync("#add-tag");
        await page.Locator("#tag-editor .tag-row[data-tag='stage']").WaitForAsync(Visible);
        await page.ClickAsync("#save-tags");
        await page.Locator(".mud-dialog button:has-text('Save')").ClickAsync(new LocatorClickOptions { Timeout = 90_000 });
        var deadline = DateTime.UtcNow.AddSeconds(90);
        string? stage = null;
        while (DateTime.UtcNow < deadline && stage is null)
        {
            var tags = (await GetRunAsync(http, runId)).GetProperty("tags");
            stage = tags.TryGetProperty("stage", out var value) ? value.GetString() : null;
            await Task.Delay(stage is null ? 500 : 0);
        }

        Assert.Equal("final", stage);
        await page.CloseAsync();
    }

    [SkippableFact]
    public async Task A_classifier_launched_from_the_schema_form_with_a_preset_and_the_dataset_picker_lands_on_its_run()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);

        var page = await NewPageAsync();
        await page.GotoAsync(Url("/launch?kind=classifier"));
        await BrowserFixture.WaitForInteractiveAsync(page);

        // Checked before submit: an epoch count out of bounds is named at its field and nothing is launched.
        await page.FillAsync("#p-epochs", "-1");
        await page.ClickAsync("#launch");
        await page.WaitForFunctionAsync("() => !!document.querySelector('#launch-errors')", null, Wait);
        Assert.EndsWith("/launch?kind=classifier", page.Url, StringComparison.Ordinal);

        // A model preset, two epochs, and a small MNIST-1D dataset from the picker's generator tab.
        await page.FillAsync("#p-epochs", "2");
        await page.ClickAsync("[data-model='logistic']");
        await page.Locator(".picker-modes").GetByText("Generator").ClickAsync();
        await page.ClickAsync("[data-picker-generator='mnist1d']");
        await page.FillAsync("#dataset-split-train", "300");
        await page.FillAsync("#dataset-split-test", "100");
        await page.WaitForFunctionAsync(
            "() => (document.getElementById('dataset-spec')?.textContent || '').includes('\"train\":300')", null, Wait);
        await page.ClickAsync("#launch");

        // Its run page, with the job's panel (the default name, kind + changed parameters, is covered by DefaultRunNameTests).
        await page.WaitForFunctionAsync("() => location.pathname.startsWith('/runs/')", null, Wait);
        await page.Locator("#job-panel").WaitForAsync(Visible);
        await BrowserFixture.SaveScreenshotAsync(page, "launched-from-form.png");
        await page.CloseAsync();
    }

    [SkippableFact]
    public async Task Malformed_values_on_the_data_pages_answer_400_with_a_message()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);

        string dataset = await CreateDatasetAsync("{\"generator\": \"mnist1d\", \"parameters\": {\"mode\": \"keyed\"}, \"seed\": 22, \"splits\": {\"train\": 30, \"test\": 10}}");
        var page = await NewPageAsync();
        foreach (var (url, selector, text) in new[]
        {
            ("/mnist1d?num_samples=abc", "#mnist1d-errors", "num_samples"),
            ("/corruptions?composition=nope-nope", "#corruption-errors", "nope"),
            ("/corruptions?source=svhn", "#query-problems", "svhn"),
            ("/sequences?digits=12&seed=abc", "#sequence-errors", "seed"),
            ($"/datasets/{dataset}?split=nope", "#rows-problem", "nope"),
            ($"/datasets/{dataset}?offset=99999", "#rows-problem", "offset"),
        })
        {
            var response = await page.GotoAsync(Url(url));
            Assert.True(response!.Status == 400, $"{url} answered {response.Status}");
            Assert.Contains(text, await page.Locator(selector).InnerTextAsync(), StringComparison.Ordinal);
        }

        await page.CloseAsync();
    }

    private Task<IPage> NewPageAsync() =>
        fixture.Browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

    private string Url(string path) => new Uri(fixture.BaseAddress, path).ToString();

    private async Task<string> CreateDatasetAsync(string spec)
    {
        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };
        using var content = new StringContent(spec, System.Text.Encoding.UTF8, "application/json");
        var created = await http.PostAsync(new Uri("/api/datasets", UriKind.Relative), content);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> GetRunAsync(HttpClient http, string runId) =>
        await http.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}");
}
