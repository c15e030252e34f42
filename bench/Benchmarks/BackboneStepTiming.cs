using System.Globalization;
using System.Text.Json.Nodes;
using DigitForge.Application.Experiments.Compositional;
using DigitForge.Application.Training;
using DigitForge.Application.Training.Tasks;
using DigitForge.Infrastructure.Training;
using Microsoft.Extensions.Options;

namespace DigitForge.Benchmarks;

/// <summary>
/// Training steps of the compositional-robustness backbones built from the engine's <c>branches</c> layer: CIFAR-10's
/// ResNet-18 (<see cref="CompositionalResNet"/>, 3x32x32, 10 classes) and FaceScrub's Inception-v3
/// (<see cref="CompositionalInception"/>, 3x100x100, 388 classes), through the engine's <c>classifier</c> task with the
/// kind's recipe for these sources (SGD lr 0.1, momentum 0.9, weight decay 5e-4, cosine, shuffled batches) on random
/// images in [-1, 1]. One warm-up run of 2 steps, then <c>steps</c> timed steps per round. Compared with
/// bench/engine/backbone_step_bench.py's PyTorch side, which builds the same network from <c>describe</c>'s JSON.
/// Usage: <c>backbone-step resnet18|inception [width=0.25] [batch=128] [steps=5] [rounds=3] [threads=1]</c>, one JSON
/// line per round; <c>backbone-step describe resnet18|inception [width]</c> prints the model description.
/// </summary>
public static class BackboneStepTiming
{
    public static void Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 1 && args[1] == "describe")
        {
            Console.WriteLine(ModelJson.Serialize(Backbone(args[2], args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 0.25).Model));
            return;
        }

        string name = args.Length > 1 ? args[1] : "resnet18";
        double width = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 0.25;
        int batch = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 128;
        int steps = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 5;
        int rounds = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 3;
        int threads = args.Length > 6 ? int.Parse(args[6], CultureInfo.InvariantCulture) : 1;
        var backbone = Backbone(name, width);
        var options = Options.Create(new EngineOptions());
        var trainer = new LibTorchTrainer(options);
        var runner = new LibTorchTaskRunner(options);
        var random = new Random(0);
        int rows = batch * steps, size = backbone.Size, channels = backbone.Channels;
        int classes = name == "inception" ? 388 : 10;
        var x = new float[(long)rows * channels * size * size];
        var y = new long[rows];
        for (long i = 0; i < x.Length; i++)
        {
            x[i] = (float)((random.NextDouble() * 2) - 1);
        }

        for (int i = 0; i < y.Length; i++)
        {
            y[i] = random.Next(classes);
        }

        using var model = trainer.CreateModel(backbone.Model, TrainingDevice.Cpu, 1);
        Step(runner, model, x, y, batch, 2, threads, channels, size); // warm-up
        for (int round = 0; round < rounds; round++)
        {
            var report = Step(runner, model, x, y, batch, steps, threads, channels, size);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"side\": \"engine\", \"backbone\": \"{name}\", \"width\": {width}, \"batch\": {batch}, \"steps\": {report.Updates}, \"wall_s\": {report.Elapsed.TotalSeconds:0.0000}, \"cpu_s\": {report.CpuTime.TotalSeconds:0.0000}, \"ms_per_step\": {report.Elapsed.TotalMilliseconds / report.Updates:0.00}, \"cpu_ms_per_step\": {report.CpuTime.TotalMilliseconds / report.Updates:0.00}}}"));
        }
    }

    private static CompositionalBackbone Backbone(string name, double width) => name switch
    {
        "resnet18" => CompositionalResNet.Build(32, 3, 10, width),
        "inception" => CompositionalInception.Build(100, 3, 388, width),
        _ => throw new ArgumentException($"unknown backbone {name}: resnet18 or inception", nameof(name)),
    };

    private static TaskReport Step(LibTorchTaskRunner runner, ITrainableModel model, float[] x, long[] y, int batch, int steps, int threads, int channels, int size)
    {
        int rows = batch * steps;
        int row = channels * size * size;
        var recipe = new JsonObject
        {
            ["epochs"] = 1,
            ["batch_size"] = batch,
            ["optimizer"] = new JsonObject { ["type"] = "sgd", ["learning_rate"] = 1e-1, ["momentum"] = 0.9, ["weight_decay"] = 5e-4 },
            ["schedule"] = new JsonObject { ["type"] = "cosine" },
            ["seed"] = 1,
            ["threads"] = threads,
            ["batch_order"] = "shuffled",
            ["report_every"] = steps,
        };
        var request = new TrainingTaskRequest("classifier", [new TaskModel("model", model)],
            [TaskInput.Float32("train_x", x.AsSpan(0, rows * row).ToArray(), rows, channels, size, size), TaskInput.Int64("train_y", y.AsSpan(0, rows).ToArray(), rows)], recipe.ToJsonString());
        return runner.RunAsync(request).GetAwaiter().GetResult();
    }
}
