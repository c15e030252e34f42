using System.Text.Json.Serialization;
using DigitForge.Application.Training.Layers;

namespace DigitForge.Application.Training;

/// <summary>
/// A network as data: the shape of one input row and the layers applied in order (a torch.nn.Sequential).
/// <see cref="ModelJson"/> gives the JSON form the engine reads and checkpoints store. Per-layer initialisers
/// (<c>"weight_init"</c>, <c>"bias_init"</c>) exist only in the JSON form (ITrainer's JSON overload).
/// </summary>
/// <param name="Init">The engine's initialisation preset: null for libtorch's defaults, <c>dcgan</c> for conv weights
/// N(0, 0.02) and batch-norm weights N(1, 0.02), biases 0 (native/src/model.h).</param>
public sealed record ModelDescription(
    IReadOnlyList<int> InputShape,
    IReadOnlyList<LayerDescription> Layers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Init = null)
{
    /// <summary>Floats per input row: the product of <see cref="InputShape"/>.</summary>
    [JsonIgnore]
    public int InputSize => InputShape.Aggregate(1, (product, size) => product * size);
}
