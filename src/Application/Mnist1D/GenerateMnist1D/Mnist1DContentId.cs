using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DigitForge.Domain.Mnist1D;

namespace DigitForge.Application.Mnist1D.GenerateMnist1D;

/// <summary>
/// Content address of an MNIST-1D output: a dataset is a pure function of (arguments, mode, generator version), so the
/// hash of their canonical text is its ETag and cache key. Bump <see cref="GeneratorVersion"/> whenever the same
/// request would give different values, and <see cref="FormatVersion"/> when the same values would give different bytes.
/// </summary>
public static class Mnist1DContentId
{
    public const string GeneratorVersion = "mnist1d/1";

    public const string FormatVersion = "mnist1d-files/2";

    /// <param name="variant">What is made of the dataset, e.g. "npz", "json" or "plot-png-10".</param>
    public static string Compute(GenerateMnist1DRequest request, string variant)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(variant);
        var a = request.Arguments;
        string canonical = string.Join(
            '|',
            GeneratorVersion,
            FormatVersion,
            Mnist1DInputParser.ModeName(request.Mode),
            Number(a.NumSamples),
            Number(a.TrainSplit),
            Number(a.TemplateLength),
            Number(a.Padding.Min),
            Number(a.Padding.Max),
            Number(a.ScaleCoefficient),
            Number(a.MaxTranslation),
            Number(a.CorrelatedNoiseScale),
            Number(a.IidNoiseScale),
            Number(a.ShearScale),
            a.ShuffleSequence ? "1" : "0",
            Number(a.FinalSequenceLength),
            Number(a.Seed),
            variant.ToLowerInvariant());
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(canonical), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
