using DigitForge.Application.Training;
using DigitForge.Application.Training.Layers;

namespace DigitForge.Application.Experiments.Gasten;

/// <summary>
/// GASTeN's classifiers under test (specs/gasten.md §1), both without activation functions (the final reference
/// version): <c>cnn</c> = Conv2d(1→nf, k3, 'same') → MaxPool 2 → Conv2d(nf→2nf, k3, 'same') → MaxPool 2 → Flatten →
/// Linear(7·7·2nf → 1) → Sigmoid; <c>mlp</c> = Flatten → Linear(784 → nf) → Linear(nf → 1) → Sigmoid.
/// The embedding used for FOCD is the flattened features before the head (the reference's output index [-2]).
/// </summary>
public static class GastenClassifierModels
{
    public const string Cnn = "cnn";
    public const string Mlp = "mlp";
    public static readonly IReadOnlyList<string> Types = [Cnn, Mlp];

    public static ModelDescription Create(string type, int nf, int size = 28) => type switch
    {
        Cnn => new ModelDescription(
            [1, size, size],
            [
                new Conv2dLayer(1, nf, 3, Padding: 1),
                new MaxPool2dLayer(2, 2),
                new Conv2dLayer(nf, 2 * nf, 3, Padding: 1),
                new MaxPool2dLayer(2, 2),
                new FlattenLayer(),
                new LinearLayer(size / 4 * (size / 4) * 2 * nf, 1),
                new SigmoidLayer(),
            ]),
        Mlp => new ModelDescription(
            [1, size, size],
            [new FlattenLayer(), new LinearLayer(size * size, nf), new LinearLayer(nf, 1), new SigmoidLayer()]),
        _ => throw new ArgumentException($"'{type}' is not a classifier type; use {string.Join(" or ", Types)}.", nameof(type)),
    };

    /// <summary>Layers up to and including the embedding (Forward's layer count).</summary>
    public static int EmbeddingLayers(string type) => type == Cnn ? 5 : 2;
}
