namespace DigitForge.Application.Experiments.Benchmark;

/// <summary>
/// Test accuracies (%) the MNIST-1D authors published for one model and variant (spec §8): the README's figure and
/// the range over the notebooks' outputs after 6000 steps.
/// </summary>
public sealed record PublishedAccuracy(string Model, string Variant, double Readme, double NotebooksMin, double NotebooksMax)
{
    /// <summary>All published figures: README 32/68/94/91 (shuffled 32/68/56/57), notebooks 31.5/64-65/92-94/89-92.</summary>
    public static IReadOnlyList<PublishedAccuracy> All { get; } =
    [
        new("logistic", BenchmarkVariants.Plain, 32, 31.5, 31.5),
        new("mlp", BenchmarkVariants.Plain, 68, 64.2, 65.1),
        new("cnn", BenchmarkVariants.Plain, 94, 92.3, 94.2),
        new("gru", BenchmarkVariants.Plain, 91, 89.1, 92.1),
        new("logistic", BenchmarkVariants.Shuffled, 32, 31.5, 31.7),
        new("mlp", BenchmarkVariants.Shuffled, 68, 63.7, 66.0),
        new("cnn", BenchmarkVariants.Shuffled, 56, 57.9, 58.7),
        new("gru", BenchmarkVariants.Shuffled, 57, 50.8, 53.3),
    ];

    public static PublishedAccuracy? For(string model, string variant) =>
        All.FirstOrDefault(p => p.Model == model && p.Variant == variant);

    /// <summary>Points (percentage) from the notebooks' range; 0 inside it.</summary>
    public double DistanceFromNotebooks(double percent) =>
        percent < NotebooksMin ? NotebooksMin - percent : percent > NotebooksMax ? percent - NotebooksMax : 0;
}
