using DigitForge.Application.Tracking.Runs;
using DigitForge.Application.Tracking.Runs.CreateRun;
using DigitForge.Application.Tracking.Runs.LogBatch;
using DigitForge.Infrastructure.TrackingClient;
using Microsoft.Playwright;

namespace DigitForge.BrowserTests;

/// <summary>The runs table (MudDataGrid) in Debian's chromium: child runs nested under their parent, the column chooser, sorting.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class RunsTablePageTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task Child_runs_nest_under_their_parent_and_columns_can_be_hidden_and_sorted()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);

        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };
        var client = new TrackingClient(http);
        string experiment = $"table-{Guid.NewGuid():N}"[..20];
        var sweep = await client.CreateRunAsync(new CreateRunRequest(ExperimentName: experiment, Name: "sweep"));
        foreach (var (name, acc) in new[] { ("point-a", 0.7), ("point-b", 0.9) })
        {
            var child = await client.CreateRunAsync(new CreateRunRequest(ExperimentName: experiment, Name: name, ParentRunId: sweep.Id));
            await client.LogBatchAsync(child.Id, new LogBatchRequest(Metrics: [new("acc", acc, 1)], Params: [new("lr", name == "point-a" ? "0.1" : "0.01")]));
        }

        var lone = await client.CreateRunAsync(new CreateRunRequest(ExperimentName: experiment, Name: "lone"));
        await client.LogBatchAsync(lone.Id, new LogBatchRequest(Metrics: [new("acc", 0.5, 1)], Params: [new("lr", "0.5")]));

        var page = await fixture.Browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(new Uri(fixture.BaseAddress, $"/runs?experiment={sweep.ExperimentId}").ToString());
        await BrowserFixture.WaitForInteractiveAsync(page);

        // Top level: the sweep and the lone run; the sweep's points are under its expand button.
        await page.Locator("#runs a.run-link").First.WaitForAsync();
        Assert.Equal(["lone", "sweep"], (await page.Locator("#runs a.run-link").AllInnerTextsAsync()).Order(StringComparer.Ordinal));
        await page.Locator($"#runs tr:has(a[data-run-id='{sweep.Id}']) button").First.ClickAsync();
        var children = page.Locator($".child-runs[data-parent='{sweep.Id}'] tbody tr");
        await children.First.WaitForAsync();
        Assert.Equal(2, await children.CountAsync());
        Assert.Contains("point-b", await page.Locator($".child-runs[data-parent='{sweep.Id}']").InnerTextAsync(), StringComparison.Ordinal);

        // The column chooser hides the lr param column and shows it again.
        Assert.Equal(1, await page.Locator("#runs th:has-text('lr')").CountAsync());
        await page.ClickAsync("#column-chooser-button");
        await page.Locator("#column-chooser input[data-column='params.lr']").UncheckAsync();
        await page.WaitForFunctionAsync("() => ![...document.querySelectorAll('#runs th')].some(th => th.textContent.trim() === 'lr')");
        await page.Locator("#column-chooser input[data-column='params.lr']").CheckAsync();
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#runs th')].some(th => th.textContent.trim() === 'lr')");
        await BrowserFixture.SaveScreenshotAsync(page, "runs-table.png");
        Assert.Empty(errors);
        await page.CloseAsync();
    }
}
