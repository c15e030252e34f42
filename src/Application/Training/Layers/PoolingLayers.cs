namespace DigitForge.Application.Training.Layers;

/// <summary>torch.nn.MaxPool2d on [rows, channels, height, width], square window (stride usually = kernel size).</summary>
public sealed record MaxPool2dLayer(int KernelSize, int Stride, int Padding = 0) : LayerDescription;

/// <summary>
/// torch.nn.AvgPool2d on [rows, channels, height, width], square window; <paramref name="CountIncludePad"/> true (torch's
/// default, as torchvision's Inception uses it) divides by the whole window, padding zeros included.
/// </summary>
public sealed record AvgPool2dLayer(int KernelSize, int Stride, int Padding = 0, bool CountIncludePad = true, bool CeilMode = false) : LayerDescription;

/// <summary>torch.nn.AdaptiveAvgPool2d to a square <paramref name="OutputSize"/>; 1 is global average pooling.</summary>
public sealed record AdaptiveAvgPool2dLayer(int OutputSize) : LayerDescription;
