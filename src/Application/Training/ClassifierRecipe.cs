using DigitForge.Application.Common;

namespace DigitForge.Application.Training;

/// <summary>
/// How to train a classifier (cross-entropy on the logits). The defaults are the MNIST-1D benchmark's: Adam 1e-2,
/// batch 100, sequential batches, 6000 steps, evaluation every 250 steps, seed 42.
/// </summary>
public sealed record ClassifierRecipe
{
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    public double LearningRate { get; init; } = 1e-2;

    public double WeightDecay { get; init; }

    /// <summary>SGD momentum (ignored by Adam).</summary>
    public double Momentum { get; init; }

    public int BatchSize { get; init; } = 100;

    /// <summary>The reference's <c>total_steps</c>: the loop runs steps 0..Steps, i.e. Steps + 1 updates. Ignored when <see cref="Epochs"/> is set.</summary>
    public int Steps { get; init; } = 6000;

    /// <summary>When positive, train this many passes over the data (ceil(N / batch) updates each) instead of <see cref="Steps"/>.</summary>
    public int Epochs { get; init; }

    public BatchOrder BatchOrder { get; init; } = BatchOrder.Sequential;

    /// <summary>Seeds shuffling and dropout (the weights are seeded when the model is created).</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Evaluate every eval set at steps divisible by this (and after the last update); 0: only at the end.</summary>
    public int EvalEvery { get; init; } = 250;

    /// <summary>Report the mean mini-batch loss this often as well (0: with the evaluations).</summary>
    public int ReportEvery { get; init; }

    public int EvalBatchSize { get; init; } = 1000;

    /// <summary>libtorch intra-op threads for the whole process (0: libtorch's default, one per core).</summary>
    public int Threads { get; init; }

    /// <summary>Whether the CPU may use the engine's hand-written path for the models it covers.</summary>
    public TrainingImplementation Implementation { get; init; } = TrainingImplementation.Auto;

    /// <summary>Optimiser updates the recipe makes on <paramref name="rows"/> training rows.</summary>
    public long Updates(int rows) =>
        Epochs > 0 ? (long)Epochs * ((rows + Math.Min(BatchSize, Math.Max(rows, 1)) - 1) / Math.Min(BatchSize, Math.Max(rows, 1))) : Steps + 1L;

    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new List<ValidationError>();
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
        {
            errors.Add(new ValidationError("lr", "The learning rate must be a positive number."));
        }

        if (!(WeightDecay >= 0) || double.IsInfinity(WeightDecay))
        {
            errors.Add(new ValidationError("weight-decay", "Weight decay must be zero or positive."));
        }

        if (!(Momentum is >= 0 and <= 1))
        {
            errors.Add(new ValidationError("momentum", "Momentum must be in [0, 1]."));
        }

        if (BatchSize < 1)
        {
            errors.Add(new ValidationError("batch", "The batch size must be at least 1."));
        }

        if (Epochs < 0 || (Epochs == 0 && Steps < 1))
        {
            errors.Add(new ValidationError(Epochs < 0 ? "epochs" : "steps", "Train for at least one step (or epoch)."));
        }

        if (EvalEvery < 0 || ReportEvery < 0)
        {
            errors.Add(new ValidationError(EvalEvery < 0 ? "eval-every" : "report-every", "Must be zero or positive."));
        }

        if (EvalBatchSize < 1 || Threads < 0)
        {
            errors.Add(new ValidationError(EvalBatchSize < 1 ? "eval-batch" : "threads", "Out of range."));
        }

        return errors;
    }
}
