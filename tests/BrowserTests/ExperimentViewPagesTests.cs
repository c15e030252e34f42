using System.Net;
using Microsoft.Playwright;

namespace DigitForge.BrowserTests;

/// <summary>
/// The experiment views on run pages of experiments launched as real jobs at toy size (the browser fixture's 200
/// sample digits): GASTeN's parent and step-2 pages, the ambiguity experiment launched from the step-2 page's
/// button, a LOCO run, a parameter-grid sweep and a compositional-robustness run. One GASTeN run is trained once and
/// shared by the tests that look at it. Every check waits for the rendered value (the pages update over the circuit).
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ExperimentViewPagesTests(BrowserFixture fixture)
{
    private static readonly PageWaitForFunctionOptions Wait = new() { Timeout = 90_000, PollingInterval = 250 };
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(4);
    private static readonly SemaphoreSlim GastenOnce = new(1, 1);
    private static GastenRuns? _gasten;

    private sealed record GastenRuns(string Parent, string Step1, string Step2, string Classifier);

    /// <summary>A classifier under test and a GASTeN run on it (1 step-1 epoch, 2 step-2 epochs, weights 0 and 25), trained once.</summary>
    private async Task<GastenRuns> GastenAsync()
    {
        await GastenOnce.WaitAsync();
        try
        {
            if (_gasten is not null)
            {
                return _gasten;
            }

            using var jobs = new ExperimentJobs(fixture.BaseAddress);
            var classifier = await jobs.LaunchAsync("gasten-classifier", new { pos = 7, neg = 1, nf = "1", epochs = "2", batch = 16, device = "cpu", threads = 1 });
            await jobs.FinishAsync(classifier.Id, JobTimeout);
            var gasten = await jobs.LaunchAsync("gasten", new
            {
                preset = "cpu", classifiers = classifier.Id, step1_epochs = 1, step2_epochs = 2, step1_epoch_list = "1", weights = "0,25",
                filter_dim = 4, z_dim = 8, batch = 16, test_noise = 64, grid_samples = 30, device = "cpu", threads = 1,
            });
            await jobs.FinishAsync(gasten.Id, JobTimeout);
            var children = await jobs.ChildrenAsync(gasten.Id);
            var step2 = children.First(r => r.Params.GetValueOrDefault("job_type") == "step-2" && r.Params.GetValueOrDefault("weight") == "25");
            _gasten = new GastenRuns(gasten.Id, children.Single(r => r.Params.GetValueOrDefault("job_type") == "step-1").Id, step2.Id, step2.Params["classifier_run"]);
            return _gasten;
        }
        finally
        {
            GastenOnce.Release();
        }
    }

    [SkippableFact]
    public async Task A_gasten_run_shows_the_pareto_scatter_and_its_step_2_runs_the_sorted_grids_and_curves()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var runs = await GastenAsync();
        var page = await NewPageAsync();
        var errors = Errors(page);

        // The parent: every step-2 epoch (2 runs x 2 epochs) on the scatter, at least one Pareto-efficient, the table and CSV.
        await page.GotoAsync(Url($"/runs/{runs.Parent}"));
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.WaitForFunctionAsync("() => document.getElementById('experiment-view')?.dataset.kind === 'gasten'", null, Wait);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#gasten-scatter circle.scatter-point').length === 4", null, Wait);
        int pareto = await page.Locator("#gasten-scatter circle.scatter-point.pareto").CountAsync();
        Assert.InRange(pareto, 1, 4);
        Assert.Equal(4, await page.Locator("#gasten-points tbody tr").CountAsync());
        Assert.Equal(2, await page.Locator("#gasten-step2-runs tbody tr").CountAsync());
        Assert.Equal(1, await page.Locator($"#gasten-runs a[href='/runs/{runs.Step1}']").CountAsync());
        Assert.Equal(1, await page.Locator($"#gasten-runs a[href='/runs/{runs.Classifier}']").CountAsync());
        await page.ClickAsync("#pareto-only");
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('#gasten-points tbody tr').length === {pareto}", null, Wait);
        using (var http = new HttpClient())
        {
            var csv = await http.GetAsync(Url(await page.GetAttributeAsync("#gasten-csv", "href") ?? "missing"));
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            Assert.StartsWith("run_id,classifier,weight", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await BrowserFixture.SaveScreenshotAsync(page, "gasten-parent-run.png");

        // A step-2 run: a sorted grid per epoch (0, 1, 2) on the slider under ten 0.1 bins with their counts, FID/FOCD/ACD per epoch.
        await page.GotoAsync(Url($"/runs/{runs.Step2}"));
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.WaitForFunctionAsync("() => document.getElementById('gasten-grid')?.dataset.epochs === '3'", null, Wait);
        Assert.Equal("2", await page.GetAttributeAsync("#gasten-grid", "data-epoch"));
        Assert.Equal(10, await page.Locator("#gasten-grid .bin-label").CountAsync());
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#gasten-grid .bin-count')].reduce((s, e) => s + Number(e.textContent), 0) === 64", null, Wait);
        await page.WaitForFunctionAsync("() => document.querySelector('#gasten-grid img')?.naturalWidth > 0", null, Wait);
        foreach (string curve in new[] { "curve-eval-fid", "curve-eval-focd", "curve-eval-conf_dist" })
        {
            Assert.Equal("3", await page.GetAttributeAsync($"#{curve}", "data-points"));
        }

        Assert.Equal(3, await page.Locator("#gasten-epochs tbody tr").CountAsync());
        Assert.Matches(@"^\d+\.\d{4}$", (await page.Locator("#gasten-epochs tr[data-epoch='2'] td[data-key='eval/conf_dist']").InnerTextAsync()).Trim());
        Assert.Equal($"/runs/{runs.Parent}", await page.GetAttributeAsync("#gasten-parent-link", "href"));
        Assert.Equal($"/runs/{runs.Step1}", await page.GetAttributeAsync("#gasten-step1-link", "href"));
        Assert.Equal($"/runs/{runs.Classifier}", await page.GetAttributeAsync("#gasten-classifier-link", "href"));

        // Back to epoch 0 on the slider: the grid and its header follow.
        await page.FocusAsync("#gasten-grid input[type=range]");
        await page.Keyboard.PressAsync("Home");
        await page.WaitForFunctionAsync("() => document.getElementById('gasten-grid')?.dataset.epoch === '0'", null, Wait);
        await BrowserFixture.SaveScreenshotAsync(page, "gasten-step2-run.png");
        Assert.Empty(errors);
        await page.CloseAsync();
    }

    [SkippableFact]
    public async Task The_ambiguity_experiment_launched_from_a_step_2_page_shows_clusters_with_prototypes_and_saliency()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var runs = await GastenAsync();
        var page = await NewPageAsync();
        var errors = Errors(page);
        await page.GotoAsync(Url($"/runs/{runs.Step2}"));
        await BrowserFixture.WaitForInteractiveAsync(page);
        await page.WaitForSelectorAsync("#launch-ambiguity:not([disabled])", new PageWaitForSelectorOptions { Timeout = 90_000 });

        // The defaults (15,000 images, 20 trials) take minutes on CPU: the toy run asks for 300 images, every C kept, 3 trials.
        await page.FillAsync("#ambiguity-images input", "300");
        await page.FillAsync("#ambiguity-acd input", "0.5");
        await page.FillAsync("#ambiguity-trials input", "3");
        await page.Locator("#ambiguity-trials input").BlurAsync();
        await page.ClickAsync("#launch-ambiguity");
        await page.WaitForURLAsync(url => !url.Contains(runs.Step2, StringComparison.Ordinal) && url.Contains("/runs/", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 60_000 });
        string ambiguityId = new Uri(page.Url).Segments[^1];

        bool explained;
        using (var jobs = new ExperimentJobs(fixture.BaseAddress))
        {
            var job = await jobs.FinishAsync(ambiguityId, JobTimeout);
            Assert.Equal("gasten-ambiguity", job.Kind);
            var run = await jobs.RunAsync(ambiguityId);
            Assert.Equal(runs.Step2, run.Params["step2_run"]);
            // Saliency maps need the engine's ambiguity-attribution task (an engine built before it has none; CI builds it).
            explained = (await jobs.Http.GetAsync($"/api/runs/{ambiguityId}/artifacts/prototypes/saliency.npy")).StatusCode == HttpStatusCode.OK;
        }

        // The page goes live: the cluster rows arrive, each with its prototype, its saliency overlay and its grid.
        await page.WaitForFunctionAsync("() => document.getElementById('experiment-view')?.dataset.kind === 'gasten-ambiguity'", null, Wait);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#cluster-rows .cluster-row').length >= 2", null, Wait);
        int clusters = await page.Locator("#cluster-rows .cluster-row").CountAsync();
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('#cluster-rows img.cluster-grid').length === {clusters}", null, Wait);
        if (explained)
        {
            await page.WaitForFunctionAsync($"() => document.querySelectorAll('#cluster-rows .attribution-overlay').length === {clusters}", null, Wait);
            Assert.True(int.Parse(await page.Locator("#cluster-rows .attribution-overlay").First.GetAttributeAsync("data-cells") ?? "0", System.Globalization.CultureInfo.InvariantCulture) > 0);
        }
        else
        {
            // The page says why there is no overlay instead of showing none silently.
            await page.WaitForSelectorAsync("#no-attributions", new PageWaitForSelectorOptions { Timeout = 90_000 });
            Console.WriteLine("ambiguity browser test: the engine has no ambiguity-attribution task, so the saliency overlay was not checked");
        }

        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#cluster-rows .prototype img')].every(i => i.naturalWidth === 32)", null, Wait);
        int sizes = 0;
        foreach (var row in await page.Locator("#cluster-rows .cluster-row").AllAsync())
        {
            sizes += int.Parse(await row.GetAttributeAsync("data-size") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Equal(300, sizes);
        foreach (string figure in new[] { "silhouette", "Calinski-Harabasz", "Davies-Bouldin" })
        {
            Assert.Matches(@"^-?\d+\.\d+$", (await page.Locator($"#ambiguity-metrics [data-figure='{figure}'] .chip-value").InnerTextAsync()).Trim());
        }

        await page.WaitForFunctionAsync("() => document.querySelector('.ambiguity-figures [data-key=umap2d] img')?.naturalWidth > 0", null, Wait);
        Assert.Equal($"/runs/{runs.Step2}", await page.GetAttributeAsync("#ambiguity-step2-link", "href"));
        await page.ClickAsync("#overlay-ig");
        await page.WaitForFunctionAsync("() => document.getElementById('cluster-rows')?.dataset.overlay === 'ig'", null, Wait);
        await BrowserFixture.SaveScreenshotAsync(page, "ambiguity-run.png");
        Assert.Empty(errors);
        await page.CloseAsync();
    }

    [SkippableFact]
    public async Task A_loco_run_shows_means_per_model_and_partition_fold_results_and_decision_boundaries()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        using var jobs = new ExperimentJobs(fixture.BaseAddress);
        const string dataset = """{"generator":"spirals","parameters":{"clusters":3,"points_per_cluster":40,"radius_sd":0.5,"noise":0.2},"seed":4}""";
        var job = await jobs.LaunchAsync("mixed-effects-loco", new { dataset, epochs = 3, lr = 0.01, models = "conventional,me_mlp", device = "cpu", threads = 1 });
        var page = await NewPageAsync();
        var errors = Errors(page);
        await page.GotoAsync(Url($"/runs/{job.Id}"));
        await BrowserFixture.WaitForInteractiveAsync(page);
        await jobs.FinishAsync(job.Id, JobTimeout);

        await page.WaitForFunctionAsync("() => document.querySelectorAll('#loco-fold-table tbody tr').length === 3", null, Wait);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#loco-charts figure.loco-bars').length === 3", null, Wait);
        Assert.Equal(2, await page.Locator("#loco-charts figure.loco-bars[data-partition='Held-out cluster'] rect.loco-bar").CountAsync());
        Assert.Equal(6, await page.Locator("#loco-charts figure.loco-bars[data-partition='Held-out cluster'] circle.fold-dot").CountAsync());
        Assert.Matches(@"^0?\.\d{3}|1\.000", await page.GetAttributeAsync("#loco-charts figure.loco-bars[data-partition='Seen test'] rect.loco-bar[data-model='ME-MLP']", "data-mean") ?? "");
        Assert.Matches(@"\d", await page.Locator("#loco-means tr[data-model='ME-MLP'] td.num >> nth=1").InnerTextAsync());
        Assert.Matches(@"^\d\.\d{3} / \d\.\d{3}$", (await page.Locator("#loco-fold-table tr[data-fold='0'] td[data-model='Conventional']").InnerTextAsync()).Trim());
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#loco-boundaries img').length === 2 && [...document.querySelectorAll('#loco-boundaries img')].every(i => i.naturalWidth > 0)", null, Wait);
        await BrowserFixture.SaveScreenshotAsync(page, "loco-run.png");
        Assert.Empty(errors);
        await page.CloseAsync();
    }

    [SkippableFact]
    public async Task A_grid_sweep_shows_a_heatmap_per_model_and_a_sortable_table()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        using var jobs = new ExperimentJobs(fixture.BaseAddress);
        var job = await jobs.LaunchAsync("mixed-effects-grid", new { preset = "cpu", models = "conventional,me_mlp", epochs = 1, folds = 1, points_per_cluster = 20, device = "cpu", threads = 1 });
        var page = await NewPageAsync();
        var errors = Errors(page);
        await page.GotoAsync(Url($"/runs/{job.Id}"));
        await BrowserFixture.WaitForInteractiveAsync(page);
        await jobs.FinishAsync(job.Id, JobTimeout);

        // The cpu preset's 8 corners: 2 x 2 rows (radius s.d. x noise) by 2 x 2 columns (degrees x clusters), per model.
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('#grid-heatmap-1 rect.heat-cell')].filter(c => c.dataset.value !== '').length === 8", null, Wait);
        Assert.Equal(8, await page.Locator("#grid-heatmap-0 rect.heat-cell[data-value]:not([data-value=''])").CountAsync());
        Assert.Equal(8, await page.Locator("#grid-table tbody tr").CountAsync());
        await page.ClickAsync("#grid-sort-1");
        await page.WaitForFunctionAsync(
            """
            () => {
              const v = [...document.querySelectorAll('#grid-table tbody tr')].map(r => Number(r.querySelectorAll('td.grid-acc')[1].textContent));
              return v.length === 8 && v.every((x, i) => i === 0 || v[i - 1] <= x);
            }
            """, null, Wait);
        await BrowserFixture.SaveScreenshotAsync(page, "grid-run.png");
        Assert.Empty(errors);
        await page.CloseAsync();
    }

    [SkippableFact]
    public async Task A_compositional_run_shows_the_heatmap_over_all_compositions_and_the_length_chart()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        using var jobs = new ExperimentJobs(fixture.BaseAddress);
        var job = await jobs.LaunchAsync("compositional-robustness", new { preset = "smoke", device = "cpu", threads = 1 });
        var page = await NewPageAsync();
        var errors = Errors(page);
        await page.GotoAsync(Url($"/runs/{job.Id}"));
        await BrowserFixture.WaitForInteractiveAsync(page);
        await jobs.FinishAsync(job.Id, JobTimeout);

        // Four methods x the 167 compositions, sorted by length (separators between the 6 lengths), and one line per method.
        await page.WaitForFunctionAsync("() => document.getElementById('compositional-heatmap')?.dataset.columns === '167'", null, Wait);
        int methods = int.Parse(await page.GetAttributeAsync("#compositional-heatmap", "data-rows") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(methods, 4, 5);
        Assert.Equal(methods * 167, await page.Locator("#compositional-heatmap rect.heat-cell").CountAsync());
        Assert.Equal(5, await page.Locator("#compositional-heatmap line.heat-break").CountAsync());
        Assert.Equal(methods, await page.Locator("#compositional-length-chart polyline.series-line").CountAsync());
        Assert.Equal(methods * 6, int.Parse(await page.GetAttributeAsync("#compositional-length-chart", "data-points") ?? "0", System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(await page.Locator("#compositional-gains tbody tr").CountAsync() > 0);
        await BrowserFixture.SaveScreenshotAsync(page, "compositional-run.png");
        Assert.Empty(errors);
        await page.CloseAsync();
    }

    private string Url(string path) => new Uri(fixture.BaseAddress, path).ToString();

    private async Task<IPage> NewPageAsync() =>
        await fixture.Browser!.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });

    private static List<string> Errors(IPage page)
    {
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        return errors;
    }
}
