using System.Globalization;
using DigitForge.Application.Experiments.Compositional;
using DigitForge.Application.Training;

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
        ClassifierStepRounds.Run(backbone.Model, backbone.Channels, backbone.Size, name == "inception" ? 388 : 10, 1e-1, batch, batch * steps, rounds, threads,
            string.Create(CultureInfo.InvariantCulture, $"\"backbone\": \"{name}\", \"width\": {width}"));
    }

    private static CompositionalBackbone Backbone(string name, double width) => name switch
    {
        "resnet18" => CompositionalResNet.Build(32, 3, 10, width),
        "inception" => CompositionalInception.Build(100, 3, 388, width),
        _ => throw new ArgumentException($"unknown backbone {name}: resnet18 or inception", nameof(name)),
    };
}
