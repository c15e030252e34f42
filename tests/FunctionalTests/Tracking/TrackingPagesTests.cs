using System.Net;
using DigitForge.Application.Tracking.Runs;
using DigitForge.Application.Tracking.Runs.CreateRun;
using DigitForge.Application.Tracking.Runs.LogBatch;
using DigitForge.Application.Tracking.Runs.UpdateRun;
using DigitForge.Infrastructure.TrackingClient;

namespace DigitForge.FunctionalTests.Tracking;

/// <summary>The tracking pages as server-rendered HTML, on data logged through the REST API.</summary>
public sealed class TrackingPagesTests(SqliteTrackingFactory factory) : IClassFixture<SqliteTrackingFactory>, IAsyncLifetime
{
    private readonly HttpClient _http = factory.CreateClient();
    private RunDto _cnn = null!;
    private RunDto _mlp = null!;
    private string _experiment = string.Empty;

    public async Task InitializeAsync()
    {
        var client = new TrackingClient(_http);
        _experiment = $"pages-{Guid.NewGuid():N}"[..20];
        _cnn = await client.CreateRunAsync(new CreateRunRequest(ExperimentName: _experiment, Name: "cnn-run"));
        _mlp = await client.CreateRunAsync(new CreateRunRequest(ExperimentName: _experiment, Name: "mlp-run"));
        await client.LogBatchAsync(_cnn.Id, new LogBatchRequest(Metrics: [new("acc", 0.97, 1)], Params: [new("model", "cnn"), new("batch", "64")]));
        await client.LogBatchAsync(_mlp.Id, new LogBatchRequest(Metrics: [new("acc", 0.91, 1)], Params: [new("model", "mlp"), new("batch", "64")]));
        await client.LogImageAsync(_cnn.Id, "samples", 3, Infrastructure.Encoding.PngEncoder.EncodeGray8(new byte[28 * 28], 28, 28), "epoch 3");
        await client.UpdateRunAsync(_mlp.Id, new UpdateRunRequest(Status: "FINISHED"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Experiments_page_links_to_the_runs_of_each_experiment()
    {
        string html = await _http.GetStringAsync("/experiments");

        Assert.Contains(_experiment, html, StringComparison.Ordinal);
        Assert.Contains("/runs?experiment=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_page_prerenders_the_grid_with_its_filter_and_compare_button()
    {
        // The rows arrive over the interactive circuit (MudDataGrid server data): the browser tests check them
        // (tests/BrowserTests RunsTablePageTests, TrackingPagesTests).
        long experimentId = _cnn.ExperimentId;
        string html = await _http.GetStringAsync($"/runs?experiment={experimentId}");

        Assert.Contains("id=\"runs\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"run-filter\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"compare-button\"", html, StringComparison.Ordinal);
        Assert.Contains("_framework/blazor.web.js", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_runs_filter_is_a_400_with_the_error_and_a_malformed_experiment_names_the_field()
    {
        long experimentId = _cnn.ExperimentId;
        var malformed = await _http.GetAsync($"/runs?experiment={experimentId}&filter=metrics.acc%20%3E");
        var experiment = await _http.GetAsync("/runs?experiment=abc");

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        string html = await malformed.Content.ReadAsStringAsync();
        Assert.Contains("id=\"filter-error\"", html, StringComparison.Ordinal);
        Assert.Contains("filter:", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, experiment.StatusCode);
        Assert.Contains("experiment: must be a whole number", await experiment.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_page_has_params_metrics_charts_images_and_live_refresh_while_running()
    {
        string html = await _http.GetStringAsync($"/runs/{_cnn.Id}");

        Assert.Contains($"data-run-id=\"{_cnn.Id}\"", html, StringComparison.Ordinal);
        Assert.Contains("data-status=\"RUNNING\"", html, StringComparison.Ordinal);
        Assert.Contains("<th>model</th><td>cnn</td>", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"single-metric\" data-key=\"acc\">", html, StringComparison.Ordinal); // one value: a number, not a chart
        Assert.Contains("class=\"image-slider\"", html, StringComparison.Ordinal);
        Assert.Contains("epoch 3", html, StringComparison.Ordinal);
        Assert.Contains("id=\"live-note\"", html, StringComparison.Ordinal);
        Assert.Contains("_framework/blazor.web.js", html, StringComparison.Ordinal);
        Assert.Contains("lib/chart.js/chart.umd.min.js", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_run_page_says_the_run_does_not_exist()
    {
        var response = await _http.GetAsync($"/runs/{new string('0', 32)}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("id=\"run-missing\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_page_puts_params_side_by_side_and_can_show_only_differences()
    {
        string all = await _http.GetStringAsync($"/compare?runs={_cnn.Id},{_mlp.Id}");
        string diff = await _http.GetStringAsync($"/compare?run={_cnn.Id}&run={_mlp.Id}&diff=true");

        Assert.Contains("<tr data-key=\"batch\">", all, StringComparison.Ordinal);
        Assert.Contains("<tr data-key=\"model\" class=\"differs\">", all, StringComparison.Ordinal);
        Assert.DoesNotContain("data-key=\"batch\"", diff, StringComparison.Ordinal);
        Assert.Contains("data-key=\"model\"", diff, StringComparison.Ordinal);
        Assert.Contains("id=\"compare-charts\"", diff, StringComparison.Ordinal);
        Assert.Contains("lib/chart.js/chart.umd.min.js", diff, StringComparison.Ordinal);
    }
}
