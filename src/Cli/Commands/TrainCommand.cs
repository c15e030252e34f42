using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DigitForge.Application.Training;
using DigitForge.Application.Training.TrainClassifier;
using DigitForge.Cli.Terminal;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Cli.Commands;

/// <summary>
/// <c>digitforge train --dataset mnist1d --model logistic|mlp|cnn|gru [--steps 6000 --batch 100 --lr 1e-2 ...]</c>:
/// trains a benchmark model with the engine, progress on stderr, final accuracies on stdout.
/// </summary>
internal static class TrainCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var defaults = new ClassifierRecipe();
        var dataset = new Option<string>("--dataset") { Description = "Dataset.", DefaultValueFactory = _ => ClassifierDatasets.Mnist1D };
        dataset.AcceptOnlyFromAmong([.. ClassifierDatasets.Names]);
        var model = new Option<string>("--model", "-m") { Description = "Model preset of the dataset: logistic, mlp, cnn or gru.", Required = true };
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

        var command = new Command("train", "Train a benchmark model on a dataset with the libtorch engine (CPU or CUDA).")
        {
            dataset, model, steps, epochs, batch, lr, weightDecay, optimizer, momentum, order, device, seed, evalEvery, threads, implementation, save, json,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var recipe = new ClassifierRecipe
            {
                Optimizer = Enum.Parse<OptimizerKind>(parse.GetValue(optimizer)!, ignoreCase: true),
                LearningRate = parse.GetValue(lr),
                WeightDecay = parse.GetValue(weightDecay),
                Momentum = parse.GetValue(momentum),
                BatchSize = parse.GetValue(batch),
                Steps = parse.GetValue(steps),
                Epochs = parse.GetValue(epochs),
                BatchOrder = Enum.Parse<BatchOrder>(parse.GetValue(order)!, ignoreCase: true),
                Seed = parse.GetValue(seed),
                EvalEvery = parse.GetValue(evalEvery),
                Threads = parse.GetValue(threads),
                Implementation = Enum.Parse<TrainingImplementation>(parse.GetValue(implementation)!, ignoreCase: true),
            };
            var request = new TrainClassifierRequest(
                parse.GetValue(dataset)!,
                parse.GetValue(model)!,
                recipe,
                Enum.Parse<TrainingDevice>(parse.GetValue(device)!, ignoreCase: true),
                parse.GetValue(save));
            TrainClassifierHandler.Validate(request);

            await using var services = CliHost.Build(parse.GetValue(CliOptions.DataDir));
            var handler = services.GetRequiredService<TrainClassifierHandler>();
            var data = services.GetRequiredService<ClassifierDatasets>().Get(request.Dataset);
            var progress = TrainingProgressLine.ForStandardError(recipe.Updates(data.Train.Rows), data.Test.Name);
            try
            {
                var result = await handler.HandleAsync(request, progress, cancellationToken);
                progress.Complete();
                if (parse.GetValue(json))
                {
                    PrintJson(result);
                    return ExitCodes.Success;
                }

                Print(result);
                if (request.CheckpointPath is { } path)
                {
                    Console.WriteLine($"checkpoint: {Path.GetFullPath(path)}");
                }

                return ExitCodes.Success;
            }
            catch (TrainingEngineException ex)
            {
                progress.Complete();
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return ex.Kind switch
                {
                    EngineErrorKind.NotInstalled => ExitCodes.EngineUnavailable,
                    EngineErrorKind.InvalidArgument or EngineErrorKind.DeviceUnavailable => ExitCodes.InvalidInput,
                    _ => ExitCodes.Failure,
                };
            }
            catch (OperationCanceledException)
            {
                progress.Complete();
                throw;
            }
        }));
        return command;
    }

    private static void PrintJson(TrainClassifierResult result) => Console.WriteLine(JsonSerializer.Serialize(
        new
        {
            dataset = result.Dataset,
            model = result.Model,
            device = result.Device.ToString().ToLowerInvariant(),
            parameters = result.ParameterCount,
            updates = result.Report.Updates,
            seconds = Math.Round(result.Report.Elapsed.TotalSeconds, 3),
            cpuSeconds = Math.Round(result.Report.CpuTime.TotalSeconds, 3),
            threads = result.Report.Threads,
            implementation = result.Report.Fused ? "fused" : "torch",
            trainAccuracy = result.TrainAccuracy,
            testAccuracy = result.TestAccuracy,
        },
        JsonOptions));

    private static void Print(TrainClassifierResult result)
    {
        var report = result.Report;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Dataset} {result.Model} ({result.ParameterCount:N0} parameters) on {result.Device.ToString().ToLowerInvariant()}: {report.Updates} updates in {report.Elapsed.TotalSeconds:0.0} s{(report.Fused ? " (fused CPU path)" : string.Empty)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"train accuracy: {result.TrainAccuracy * 100:0.00} %"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test accuracy: {result.TestAccuracy * 100:0.00} %"));
    }
}
