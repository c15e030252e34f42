using DigitForge.Application.Datasets;
using DigitForge.Application.Training;

namespace DigitForge.Application.Experiments;

/// <summary>A dataset spec generated and converted for the engine: float32 features, int64 labels, the input shape and class count.</summary>
public sealed record ExperimentDataset(ResolvedDataset Spec, LabeledData Train, LabeledData Test, IReadOnlyList<int> InputShape, int Classes);
