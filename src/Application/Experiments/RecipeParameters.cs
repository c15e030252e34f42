using System.Globalization;
using DigitForge.Application.Training;
using DigitForge.Domain.Datasets;

namespace DigitForge.Application.Experiments;

/// <summary>The training settings kinds share, declared once (defaults: the MNIST-1D benchmark's reference recipe).</summary>
public static class RecipeParameters
{
    public const string Steps = "steps";
    public const string EvalEvery = "eval_every";
    public const string LearningRate = "lr";
    public const string Batch = "batch";
    public const string Seed = "seed";
    public const string Device = "device";
    public const string Threads = "threads";
    public const string Implementation = "implementation";
    public const string Epochs = "epochs";
    public const string Optimizer = "optimizer";
    public const string WeightDecay = "weight_decay";
    public const string Momentum = "momentum";
    public const string BatchOrder = "batch_order";

    /// <summary>Where a kind trains: every kind that runs the engine declares it the same way.</summary>
    public static GeneratorParameter DeviceParameter { get; } =
        GeneratorParameter.Choice(Device, "auto", ["auto", "cpu", "cuda"], "auto: CUDA when the engine sees a device, else the CPU.");

    /// <summary>libtorch's intra-op threads, declared once for the kinds that take the default of one per core.</summary>
    public static GeneratorParameter ThreadsParameter { get; } =
        GeneratorParameter.Integer(Threads, 0, 0, 1024, "libtorch CPU threads (0: one per core).");

    public static IReadOnlyList<GeneratorParameter> All { get; } =
    [
        GeneratorParameter.Integer(Steps, 6000, 1, 10_000_000, "Total steps (the reference's total_steps: steps + 1 updates)."),
        GeneratorParameter.Integer(Epochs, 0, 0, 1_000_000, "Passes over the training set instead of steps (0: use steps)."),
        GeneratorParameter.Integer(EvalEvery, 250, 0, 10_000_000, "Evaluate train and test accuracy every N steps (0: at the end only)."),
        GeneratorParameter.Number(LearningRate, 1e-2, 1e-8, 10, "Adam learning rate."),
        GeneratorParameter.Integer(Batch, 100, 1, 100_000, "Mini-batch size."),
        GeneratorParameter.Choice(BatchOrder, "sequential", ["sequential", "shuffled"], "Batch order: sequential (the reference's) or shuffled."),
        GeneratorParameter.Choice(Optimizer, "adam", ["adam", "adamw", "sgd"], "Optimiser."),
        GeneratorParameter.Number(WeightDecay, 0, 0, 10, "Weight decay (L2)."),
        GeneratorParameter.Number(Momentum, 0, 0, 1, "SGD momentum."),
        GeneratorParameter.Integer(Seed, 42, 0, uint.MaxValue, "Seeds the weights."),
        DeviceParameter,
        ThreadsParameter,
        GeneratorParameter.Choice(Implementation, "auto", ["auto", "torch"], "auto: the engine's hand-written CPU path for linear/conv1d models, libtorch autograd otherwise; torch: always autograd."),
    ];

    public static ClassifierRecipe Recipe(ParameterValues p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new ClassifierRecipe
        {
            Steps = p.GetInt32(Steps),
            Epochs = p.GetInt32(Epochs),
            BatchOrder = Enum.Parse<BatchOrder>(p.GetString(BatchOrder), ignoreCase: true),
            Optimizer = Enum.Parse<OptimizerKind>(p.GetString(Optimizer), ignoreCase: true),
            WeightDecay = p.GetDouble(WeightDecay),
            Momentum = p.GetDouble(Momentum),
            EvalEvery = p.GetInt32(EvalEvery),
            LearningRate = p.GetDouble(LearningRate),
            BatchSize = p.GetInt32(Batch),
            Seed = (ulong)p.GetInt64(Seed),
            Threads = p.GetInt32(Threads),
            Implementation = Enum.Parse<TrainingImplementation>(p.GetString(Implementation), ignoreCase: true),
        };
    }

    public static TrainingDevice DeviceOf(ParameterValues p) =>
        Enum.Parse<TrainingDevice>(p.GetString(Device), ignoreCase: true);

    /// <summary>The recipe as run params (text), for the runs table and filters.</summary>
    public static Dictionary<string, string> AsParams(ParameterValues p) => new(StringComparer.Ordinal)
    {
        [Steps] = p.GetInt64(Steps).ToString(CultureInfo.InvariantCulture),
        [LearningRate] = p.GetDouble(LearningRate).ToString("R", CultureInfo.InvariantCulture),
        [Batch] = p.GetInt64(Batch).ToString(CultureInfo.InvariantCulture),
        [Seed] = p.GetInt64(Seed).ToString(CultureInfo.InvariantCulture),
        [Optimizer] = p.GetString(Optimizer),
        [Implementation] = p.GetString(Implementation),
    };
}
