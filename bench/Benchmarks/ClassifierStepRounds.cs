using System.Globalization;
using System.Text.Json.Nodes;
using DigitForge.Application.Training;
using DigitForge.Application.Training.Tasks;
using DigitForge.Infrastructure.Training;
using Microsoft.Extensions.Options;

namespace DigitForge.Benchmarks;

/// <summary>
/// What the compositional training-step timings share: random images in [-1, 1] with random labels, one warm-up run of
/// 2 steps, then rounds of the engine's <c>classifier</c> task with the compositional kind's recipe (SGD momentum 0.9,
/// weight decay 5e-4, cosine, shuffled batches) over <c>rows</c> rows, one JSON line per round.
/// </summary>
internal static class ClassifierStepRounds
{
    public static void Run(ModelDescription description, int channels, int size, int classes, double learningRate,
        int batch, int rows, int rounds, int threads, string labels)
    {
        var options = Options.Create(new EngineOptions());
        var trainer = new LibTorchTrainer(options);
        var runner = new LibTorchTaskRunner(options);
        var random = new Random(0);
        int row = channels * size * size;
        var x = new float[(long)rows * row];
        var y = new long[rows];
        for (long i = 0; i < x.Length; i++)
        {
            x[i] = (float)((random.NextDouble() * 2) - 1);
        }

        for (int i = 0; i < y.Length; i++)
        {
            y[i] = random.Next(classes);
        }

        using var model = trainer.CreateModel(description, TrainingDevice.Cpu, 1);
        Step(Math.Min(rows, 2 * batch)); // warm-up: 2 steps
        for (int round = 0; round < rounds; round++)
        {
            var report = Step(rows);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"side\": \"engine\", {labels}, \"batch\": {batch}, \"steps\": {report.Updates}, \"wall_s\": {report.Elapsed.TotalSeconds:0.0000}, \"cpu_s\": {report.CpuTime.TotalSeconds:0.0000}, \"ms_per_step\": {report.Elapsed.TotalMilliseconds / report.Updates:0.00}, \"cpu_ms_per_step\": {report.CpuTime.TotalMilliseconds / report.Updates:0.00}}}"));
        }

        TaskReport Step(int count)
        {
            var recipe = new JsonObject
            {
                ["epochs"] = 1,
                ["batch_size"] = batch,
                ["optimizer"] = new JsonObject { ["type"] = "sgd", ["learning_rate"] = learningRate, ["momentum"] = 0.9, ["weight_decay"] = 5e-4 },
                ["schedule"] = new JsonObject { ["type"] = "cosine" },
                ["seed"] = 1,
                ["threads"] = threads,
                ["batch_order"] = "shuffled",
                ["report_every"] = (count + batch - 1) / batch,
            };
            var request = new TrainingTaskRequest("classifier", [new TaskModel("model", model)],
                [TaskInput.Float32("train_x", x.AsSpan(0, (int)((long)count * row)).ToArray(), count, channels, size, size), TaskInput.Int64("train_y", y.AsSpan(0, count).ToArray(), count)], recipe.ToJsonString());
            return runner.RunAsync(request).GetAwaiter().GetResult();
        }
    }
}
