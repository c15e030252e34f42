namespace DigitForge.Application.Training.Layers;

/// <summary>torch.nn.MaxPool2d on [rows, channels, height, width], square window (stride usually = kernel size).</summary>
public sealed record MaxPool2dLayer(int KernelSize, int Stride, int Padding = 0) : LayerDescription;
