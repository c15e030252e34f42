using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DigitForge.Application.Experiments;
using DigitForge.Application.Experiments.GetSummary;
using DigitForge.Application.Experiments.Summaries;
using DigitForge.Application.Jobs;
using DigitForge.Application.Jobs.SubmitJob;
using DigitForge.Application.Tracking;
using DigitForge.Application.Training;
using DigitForge.Domain.Jobs;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Cli.Commands;

/// <summary>
/// <c>digitforge train --dataset mnist1d --model logistic|mlp|cnn|gru [--steps 6000 --batch 100 --lr 1e-2 ...]</c>: a
/// front end over the <c>classifier</c> experiment kind (one way to train): the options become the kind's parameters,
/// the job runs here as a tracked run in the data directory's database (its log is the progress on stderr), and the
/// final accuracies come from its result summary on stdout.
/// </summary>
internal static class TrainCommand
{
    private const string Kind = "classifier";
    private const string Mnist1D = "mnist1d";
    private const string CheckpointArtifact = "model.pt";
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var defaults = new ClassifierRecipe();
        var dataset = new Option<string>("--dataset") { Description = "mnist1d (the published dataset) or a dataset spec (JSON).", DefaultValueFactory = _ => Mnist1D };
        var model = new Option<string>("--model", "-m") { Description = "Model: logistic, mlp, cnn, gru or a JSON model description.", Required = true };
        var steps = new Option<int>("--steps") { Description = "Total steps (the reference's total_steps: steps + 1 updates).", DefaultValueFactory = _ => defaults.Steps };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training set instead of --steps." };
        var batch = new Option<int>("--batch") { Description = "Mini-batch size.", DefaultValueFactory = _ => defaults.BatchSize };
        var lr = new Option<double>("--lr") { Description = "Learning rate.", DefaultValueFactory = _ => defaults.LearningRate };
        var weightDecay = new Option<double>("--weight-decay") { Description = "Weight decay (L2)." };
        var optimizer = new Option<string>("--optimizer") { Description = "adam, adamw or sgd.", DefaultValueFactory = _ => "adam" };
        optimizer.AcceptOnlyFromAmong("adam", "adamw", "sgd");
        var momentum = new Option<double>("--momentum") { Description = "SGD momentum." };
        var order = new Option<string>("--order") { Description = "Batch order: sequential (the reference's) or shuffled.", DefaultValueFactory = _ => "sequential" };
        order.AcceptOnlyFromAmong("sequential", "shuffled");
        var device = new Option<string>("--device") { Description = "auto (CUDA when available), cpu or cuda.", DefaultValueFactory = _ => "auto" };
        device.AcceptOnlyFromAmong("auto", "cpu", "cuda");
        var seed = new Option<ulong>("--seed") { Description = "Seeds the weights, shuffling and dropout.", DefaultValueFactory = _ => defaults.Seed };
        var evalEvery = new Option<int>("--eval-every") { Description = "Evaluate train and test accuracy every N steps (0: at the end only).", DefaultValueFactory = _ => defaults.EvalEvery };
        var threads = new Option<int>("--threads") { Description = "CPU threads for libtorch (0: one per core)." };
        var implementation = new Option<string>("--implementation") { Description = "auto (the engine's hand-written CPU path where it covers the model) or torch (libtorch autograd).", DefaultValueFactory = _ => "auto" };
        implementation.AcceptOnlyFromAmong("auto", "torch");
        var save = new Option<string?>("--save") { Description = "Write the trained model to this checkpoint file." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (for scripts)." };
        var experiment = new Option<string?>("--experiment", "-x") { Description = "Experiment name for the tracked run (default: train)." };

        var command = new Command("train", "Train a classifier with the libtorch engine (CPU or CUDA): the classifier experiment kind, run here and tracked.")
        {
            dataset, model, steps, epochs, batch, lr, weightDecay, optimizer, momentum, order, device, seed, evalEvery, threads, implementation, save, json, experiment,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            string datasetName = parse.GetValue(dataset)!.Trim();
            var parameters = new JsonObject
            {
                ["dataset"] = datasetName.StartsWith('{') ? datasetName : string.Equals(datasetName, Mnist1D, StringComparison.OrdinalIgnoreCase)
                    ? """{"generator":"mnist1d"}"""
                    : throw new Application.Common.RequestValidationException("dataset", $"Unknown dataset '{datasetName}': mnist1d or a dataset spec (JSON)."),
                ["model"] = parse.GetValue(model),
                [RecipeParameters.Steps] = parse.GetValue(steps),
                [RecipeParameters.Epochs] = parse.GetValue(epochs),
                [RecipeParameters.Batch] = parse.GetValue(batch),
                [RecipeParameters.LearningRate] = parse.GetValue(lr),
                [RecipeParameters.WeightDecay] = parse.GetValue(weightDecay),
                [RecipeParameters.Optimizer] = parse.GetValue(optimizer),
                [RecipeParameters.Momentum] = parse.GetValue(momentum),
                [RecipeParameters.BatchOrder] = parse.GetValue(order),
                [RecipeParameters.Device] = parse.GetValue(device),
                [RecipeParameters.Seed] = parse.GetValue(seed),
                [RecipeParameters.EvalEvery] = parse.GetValue(evalEvery),
                [RecipeParameters.Threads] = parse.GetValue(threads),
                [RecipeParameters.Implementation] = parse.GetValue(implementation),
            };

            await using var session = await TrackingSession.OpenAsync(parse.GetValue(CliOptions.DataDir), cancellationToken);
            // Before anything is queued: a missing engine is exit 5 (CommandRunner) with how to build it, not a failed run.
            session.Get<ITrainer>().Describe();

            using var document = JsonDocument.Parse(parameters.ToJsonString());
            var job = await session.Get<ISender>().Send(
                new SubmitJobRequest(Kind, document.RootElement.Clone(), parse.GetValue(experiment) ?? "train"), cancellationToken);
            job = await ExperimentCommand.RunHereOrFollowAsync(session, job.Id, cancellationToken);
            if (job.Status != JobRules.Format(JobStatus.Finished))
            {
                await Console.Error.WriteLineAsync($"error: {job.Error ?? job.Status}");
                return ExitCodes.Failure;
            }

            var summary = await session.Get<ISender>().Send(new GetExperimentSummaryRequest(job.Id), CancellationToken.None);
            if (parse.GetValue(save) is { } path)
            {
                await using var stored = session.Get<IArtifactStore>().OpenRead(job.Id, CheckpointArtifact)
                                         ?? throw new InvalidOperationException($"Run {job.Id} has no {CheckpointArtifact}.");
                await using var file = File.Create(path);
                await stored.CopyToAsync(file, cancellationToken);
            }

            string name = datasetName.StartsWith('{') ? "dataset" : Mnist1D;
            var result = new Result(name, parse.GetValue(model)!.Trim().ToLowerInvariant(), job.Device, job.Id, summary);
            if (parse.GetValue(json))
            {
                PrintJson(result);
                return ExitCodes.Success;
            }

            Print(result);
            if (parse.GetValue(save) is { } saved)
            {
                Console.WriteLine($"checkpoint: {Path.GetFullPath(saved)}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static void PrintJson(Result r) => Console.WriteLine(JsonSerializer.Serialize(
        new
        {
            dataset = r.Dataset,
            model = r.Model,
            device = r.Device,
            runId = r.RunId,
            parameters = (long)r.Value("parameters"),
            updates = (long)r.Value("updates"),
            seconds = Math.Round(r.Value("seconds"), 3),
            cpuSeconds = Math.Round(r.Value("cpu seconds"), 3),
            threads = (int)r.Value("threads"),
            implementation = r.Text(TrackedTraining.EnginePathParam),
            trainAccuracy = r.Value("train accuracy"),
            testAccuracy = r.Value("test accuracy"),
        },
        JsonOptions));

    private static void Print(Result r)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Dataset} {r.Model} ({r.Value("parameters"):N0} parameters) on {r.Device}: {r.Value("updates")} updates in {r.Value("seconds"):0.0} s{(r.Text(TrackedTraining.EnginePathParam) == "fused" ? " (fused CPU path)" : string.Empty)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"train accuracy: {r.Value("train accuracy") * 100:0.00} %"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test accuracy: {r.Value("test accuracy") * 100:0.00} %"));
        Console.WriteLine($"run: {r.RunId}");
    }

    /// <summary>The run's figures by name (the classifier kind's summary).</summary>
    private sealed record Result(string Dataset, string Model, string Device, string RunId, ExperimentSummary Summary)
    {
        public double Value(string name) => Summary.Figures.FirstOrDefault(f => f.Name == name)?.Value ?? double.NaN;

        public string? Text(string name) => Summary.Figures.FirstOrDefault(f => f.Name == name)?.Text;
    }
}
