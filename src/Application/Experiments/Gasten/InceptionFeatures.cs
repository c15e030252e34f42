using System.Security.Cryptography;
using DigitForge.Application.Training;
using DigitForge.Application.Training.Layers;

namespace DigitForge.Application.Experiments.Gasten;

/// <summary>
/// FID's feature network when pytorch-fid's Inception-v3 weights are at hand: the engine's <c>fid_inception_v3</c>
/// layer (pytorch-fid's FID blocks, 2048-d pool3) over GASTeN's images as the reference feeds them (one channel
/// repeated to three, bilinear 299×299, pixels already in [-1, 1] so no further normalisation: specs/gasten.md §3).
/// </summary>
public static class InceptionFeatures
{
    public const string Name = "pytorch-fid-inception-v3";
    public const int Features = 2048;

    public static ModelDescription Description(string weights, int size = 28) =>
        new([1, size, size], [new FidInceptionV3Layer(weights, NormalizeInput: false)]);

    /// <summary>The first 16 hex digits of the file's SHA-256: which weights gave a run's FID (and keys its statistics).</summary>
    public static string Fingerprint(string weights)
    {
        using var stream = File.OpenRead(weights);
        return Convert.ToHexStringLower(SHA256.HashData(stream))[..16];
    }
}
