namespace DigitForge.Application.Training.Layers;

/// <summary>
/// pytorch-fid's Inception-v3 up to its 2048-d pool3 features (native/src/layers/fid_inception.h), weights read from
/// <paramref name="Weights"/>: pytorch-fid's <c>pt_inception-2015-12-05-6726825d.pth</c> or any torch.save'd state dict
/// of the same architecture. Rows [1 or 3, H, W]; one channel is repeated to three, images are resized bilinearly to
/// 299×299 (<paramref name="ResizeInput"/>) and mapped from [0, 1] to [-1, 1] when <paramref name="NormalizeInput"/>
/// (pytorch-fid's default; GASTeN feeds [-1, 1] images with it off). <paramref name="BatchSize"/> rows run at a time.
/// </summary>
public sealed record FidInceptionV3Layer(string Weights, bool NormalizeInput = true, bool ResizeInput = true, int BatchSize = 50) : LayerDescription;
