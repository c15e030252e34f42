using System.Globalization;
using DigitForge.Application.Experiments.Compositional;

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
        ClassifierStepRounds.Run(CompositionalModels.Backbone(28, 10, width), 1, 28, 10, 1e-2, batch, Math.Max(batch * steps, epochRows), rounds, threads,
            string.Create(CultureInfo.InvariantCulture, $"\"width\": {width}"));
    }
}
