namespace DigitForge.Application.Training.Layers;

/// <summary>torch.nn.Conv1d on [rows, channels, length].</summary>
public sealed record Conv1dLayer(
    int InChannels, int OutChannels, int KernelSize, int Stride = 1, int Padding = 0, int Dilation = 1, bool Bias = true)
    : LayerDescription;

/// <summary>
/// torch.nn.Conv2d on [rows, channels, height, width]: square stride and dilation; kernel and padding square (an int)
/// or [height, width] (<see cref="SpatialPair"/>).
/// </summary>
public sealed record Conv2dLayer(
    int InChannels, int OutChannels, SpatialPair KernelSize, int Stride = 1, SpatialPair Padding = default, int Dilation = 1, bool Bias = true)
    : LayerDescription;

/// <summary>torch.nn.ConvTranspose2d (upsampling, as in DCGAN generators), square kernel, stride and padding.</summary>
public sealed record ConvTranspose2dLayer(
    int InChannels,
    int OutChannels,
    int KernelSize,
    int Stride = 1,
    int Padding = 0,
    int OutputPadding = 0,
    int Dilation = 1,
    bool Bias = true)
    : LayerDescription;
