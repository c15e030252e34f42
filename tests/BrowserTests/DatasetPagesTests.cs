using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace DigitForge.BrowserTests;

/// <summary>The datasets list (GET /api/datasets and the Datasets page) and short ids, in Debian's chromium.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class DatasetPagesTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task Stored_datasets_are_listed_and_a_short_id_opens_the_dataset_with_its_gallery()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);

        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };
        using var content = new StringContent("{\"generator\": \"mnist1d\", \"parameters\": {\"mode\": \"keyed\"}, \"seed\": 11, \"splits\": {\"train\": 60, \"test\": 20}}", System.Text.Encoding.UTF8, "application/json");
        var created = await http.PostAsync(new Uri("/api/datasets", UriKind.Relative), content);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        string id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        // The API lists it (also by a prefix of its id).
        var listed = await http.GetFromJsonAsync<JsonElement>($"/api/datasets?id={id[..10]}");
        var only = Assert.Single(listed.EnumerateArray());
        Assert.Equal(id, only.GetProperty("id").GetString());
        Assert.Equal("mnist1d", only.GetProperty("generator").GetString());
        Assert.Equal(60, only.GetProperty("splits").GetProperty("train").GetInt32());

        // The page lists it; its short-id link opens the dataset page under the full id, with the rows gallery.
        var page = await fixture.Browser!.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.BaseAddress, "/datasets").ToString());
        var row = page.Locator($"#dataset-list tr[data-id='{id}']");
        Assert.Contains("mnist1d", await row.InnerTextAsync(), StringComparison.Ordinal);
        await row.Locator("a").First.ClickAsync();
        await page.WaitForURLAsync($"**/datasets/{id}");
        // The page goes live before its rows are read: wait for the rendered gallery, never read it once.
        await page.WaitForFunctionAsync(
            "() => document.querySelectorAll('#gallery figure').length === 40 && document.querySelectorAll('#downloads a').length >= 1",
            null,
            new PageWaitForFunctionOptions { Timeout = 90_000, PollingInterval = 250 });
        await BrowserFixture.SaveScreenshotAsync(page, "dataset.png");

        // A prefix too short to be an id is not found.
        var response = await page.GotoAsync(new Uri(fixture.BaseAddress, "/datasets/ab").ToString());
        Assert.Equal(404, response!.Status);
        await page.CloseAsync();
    }
}
