namespace DigitForge.Application.Training.Layers;

/// <summary>torch.nn.BatchNorm1d on [rows, features] or [rows, features, length].</summary>
public sealed record BatchNorm1dLayer(int NumFeatures, double Eps = 1e-5, double Momentum = 0.1) : LayerDescription;

/// <summary>torch.nn.BatchNorm2d on [rows, channels, height, width].</summary>
public sealed record BatchNorm2dLayer(int NumFeatures, double Eps = 1e-5, double Momentum = 0.1) : LayerDescription;

/// <summary>torch.nn.LayerNorm over each row's last dimensions: <paramref name="NormalizedShape"/> is their per-row shape (e.g. [256, 4, 4]).</summary>
public sealed record LayerNormLayer(IReadOnlyList<int> NormalizedShape, double Eps = 1e-5, bool ElementwiseAffine = true) : LayerDescription;
