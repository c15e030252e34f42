using DigitForge.Application.Training;
using DigitForge.Application.Training.Layers;

namespace DigitForge.Application.Experiments;

/// <summary>
/// Model descriptions by name for any input shape: on MNIST-1D's 40-point signals with 10 classes the reference's
/// exact models (<see cref="Mnist1DModels"/>); elsewhere the same families sized to the data (logistic and mlp for
/// any shape, cnn for 1-D signals and 2-D images, gru over the signal or the image rows). A JSON model description
/// (<see cref="ModelJson"/>) is taken as it is.
/// </summary>
public static class ModelPresets
{
    public static IReadOnlyList<string> Names { get; } = ["logistic", "mlp", "cnn", "gru"];

    /// <summary>Throws <see cref="ArgumentException"/> naming the problem.</summary>
    public static ModelDescription Resolve(string model, IReadOnlyList<int> inputShape, int classes)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputShape);
        model = model.Trim();
        if (model.StartsWith('{'))
        {
            ModelDescription description;
            try
            {
                description = ModelJson.Deserialize(model);
            }
            catch (System.Text.Json.JsonException ex)
            {
                throw new ArgumentException($"Not a model description: {ex.Message}", nameof(model), ex);
            }

            if (description.InputShape is null || description.Layers is null || description.Layers.Count == 0)
            {
                throw new ArgumentException("A model description needs input_shape and layers.", nameof(model));
            }

            return description.InputShape.SequenceEqual(inputShape)
                ? description
                : throw new ArgumentException($"The model takes input [{string.Join(", ", description.InputShape)}], the data is [{string.Join(", ", inputShape)}].", nameof(model));
        }

        string name = model.ToLowerInvariant();
        if (inputShape is [40] && classes == 10 && Mnist1DModels.ByName.TryGetValue(name, out var reference))
        {
            return reference;
        }

        int size = inputShape.Aggregate(1, (a, b) => a * b);
        return (name, inputShape) switch
        {
            ("logistic", _) => new ModelDescription(inputShape, [new FlattenLayer(), new LinearLayer(size, classes)]),
            ("mlp", _) => new ModelDescription(inputShape,
            [
                new FlattenLayer(), new LinearLayer(size, 100), new ReluLayer(),
                new ResidualLayer([new LinearLayer(100, 100), new ReluLayer()]), new LinearLayer(100, classes),
            ]),
            ("cnn", [int length]) => new ModelDescription(inputShape,
            [
                new UnsqueezeLayer(0),
                new Conv1dLayer(1, 25, KernelSize: 5, Stride: 2, Padding: 1), new ReluLayer(),
                new Conv1dLayer(25, 25, KernelSize: 3, Stride: 2, Padding: 1), new ReluLayer(),
                new Conv1dLayer(25, 25, KernelSize: 3, Stride: 2, Padding: 1), new ReluLayer(),
                new FlattenLayer(), new LinearLayer(25 * Out(Out(Out(length, 5, 2, 1), 3, 2, 1), 3, 2, 1), classes),
            ]),
            ("cnn", [int height, int width]) => new ModelDescription(inputShape,
            [
                new UnsqueezeLayer(0),
                new Conv2dLayer(1, 16, KernelSize: 3, Stride: 2, Padding: 1), new ReluLayer(),
                new Conv2dLayer(16, 32, KernelSize: 3, Stride: 2, Padding: 1), new ReluLayer(),
                new FlattenLayer(), new LinearLayer(32 * Out(Out(height, 3, 2, 1), 3, 2, 1) * Out(Out(width, 3, 2, 1), 3, 2, 1), classes),
            ]),
            ("gru", [int steps]) => new ModelDescription(inputShape,
                [new UnsqueezeLayer(-1), new GruLayer(1, 6, Bidirectional: true), new FlattenLayer(), new LinearLayer(2 * 6 * steps, classes)]),
            ("gru", [int rows, int columns]) => new ModelDescription(inputShape,
                [new GruLayer(columns, 32, Bidirectional: true), new FlattenLayer(), new LinearLayer(2 * 32 * rows, classes)]),
            _ when Names.Contains(name) => throw new ArgumentException($"'{name}' has no preset for input shape [{string.Join(", ", inputShape)}].", nameof(model)),
            _ => throw new ArgumentException($"Unknown model '{model}'. Presets: {string.Join(", ", Names)}, or a JSON model description.", nameof(model)),
        };
    }

    /// <summary>Output length of a convolution: floor((n + 2p - k) / s) + 1.</summary>
    private static int Out(int n, int kernel, int stride, int padding) => ((n + (2 * padding) - kernel) / stride) + 1;
}
