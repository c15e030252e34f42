using System.Globalization;
using System.Text.Json.Nodes;
using DigitForge.Application.Experiments.Compositional;
using DigitForge.Application.Training;
using DigitForge.Application.Training.Tasks;
using DigitForge.Infrastructure.Training;
using Microsoft.Extensions.Options;

namespace DigitForge.Benchmarks;

/// <summary>
/// Training steps of the compositional-robustness CrossEntropy method as the kind runs them: the DTN-style backbone
/// (<see cref="CompositionalModels.Backbone"/>) through the engine's <c>classifier</c> task, SGD momentum 0.9, weight
/// decay 5e-4, cosine schedule, shuffled batches of random 28x28 images, 10 classes. One warm-up run of 2 steps, then
/// <c>steps</c> timed steps per round. Compared with bench/engine/compositional_step_bench.py's PyTorch side.
/// Usage: <c>compositional-step [width=0.25] [batch=128] [steps=20] [rounds=3] [threads=1] [rows=batch x steps]</c>; one
/// JSON line per round. A round is one epoch over <c>rows</c> (the cpu preset's epoch: 2,000 images x 7 elementals =
/// 14,000 rows, 110 steps with a short last batch).
/// </summary>
public static class CompositionalStepTiming
{
    public static void Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        double width = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 0.25;
        int batch = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 128;
        int steps = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20;
        int rounds = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 3;
        int threads = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 1;
        int epochRows = args.Length > 6 ? int.Parse(args[6], CultureInfo.InvariantCulture) : batch * steps;
        var options = Options.Create(new EngineOptions());
        var trainer = new LibTorchTrainer(options);
        var runner = new LibTorchTaskRunner(options);
        var random = new Random(0);
        int rows = Math.Max(batch * steps, epochRows);
        var x = new float[rows * 28 * 28];
        var y = new long[rows];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)((random.NextDouble() * 2) - 1);
        }

        for (int i = 0; i < y.Length; i++)
        {
            y[i] = random.Next(10);
        }

        using var model = trainer.CreateModel(CompositionalModels.Backbone(28, 10, width), TrainingDevice.Cpu, 1);
        Step(runner, model, x, y, batch, 2 * batch, threads); // warm-up: 2 steps
        for (int round = 0; round < rounds; round++)
        {
            var report = Step(runner, model, x, y, batch, epochRows, threads);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"side\": \"engine\", \"width\": {width}, \"batch\": {batch}, \"steps\": {report.Updates}, \"wall_s\": {report.Elapsed.TotalSeconds:0.0000}, \"cpu_s\": {report.CpuTime.TotalSeconds:0.0000}, \"ms_per_step\": {report.Elapsed.TotalMilliseconds / report.Updates:0.00}, \"cpu_ms_per_step\": {report.CpuTime.TotalMilliseconds / report.Updates:0.00}}}"));
        }
    }

    private static TaskReport Step(LibTorchTaskRunner runner, ITrainableModel model, float[] x, long[] y, int batch, int rows, int threads)
    {
        int steps = (rows + batch - 1) / batch;
        var recipe = new JsonObject
        {
            ["epochs"] = 1,
            ["batch_size"] = batch,
            ["optimizer"] = new JsonObject { ["type"] = "sgd", ["learning_rate"] = 1e-2, ["momentum"] = 0.9, ["weight_decay"] = 5e-4 },
            ["schedule"] = new JsonObject { ["type"] = "cosine" },
            ["seed"] = 1,
            ["threads"] = threads,
            ["batch_order"] = "shuffled",
            ["report_every"] = steps,
        };
        var request = new TrainingTaskRequest("classifier", [new TaskModel("model", model)],
            [TaskInput.Float32("train_x", x.AsSpan(0, rows * 28 * 28).ToArray(), rows, 1, 28, 28), TaskInput.Int64("train_y", y.AsSpan(0, rows).ToArray(), rows)], recipe.ToJsonString());
        return runner.RunAsync(request).GetAwaiter().GetResult();
    }
}
