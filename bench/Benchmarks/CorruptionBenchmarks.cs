using BenchmarkDotNet.Attributes;
using DigitForge.Domain.Corruptions;
using DigitForge.Domain.Data;
using DigitForge.Domain.Randomness;

namespace DigitForge.Benchmarks;

/// <summary>
/// One compositional corruption (default severity) over 1,000 MNIST-sized digits on one thread, as the generators run
/// it per row: bytes to a float raster, the corruption, truncation back to bytes. Images/s = 1000 / mean.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class CorruptionBenchmarks
{
    private const int Images = 1000;
    private LabeledImages _digits = null!;
    private ICorruption _corruption = null!;
    private byte[] _output = null!;

    [Params("identity", "invert", "rotate90", "contrast", "impulse_noise", "swirl", "gaussian_blur")]
    public string Corruption { get; set; } = "identity";

    [GlobalSetup]
    public void Setup()
    {
        _digits = SyntheticDigits.Create(Images);
        _corruption = CorruptionRegistry.CreateDefault().Get(Corruption);
        _output = new byte[_digits.ImageSize];
    }

    [Benchmark(OperationsPerInvoke = Images)]
    public int Corrupt1000()
    {
        int sum = 0;
        for (int i = 0; i < Images; i++)
        {
            var raster = Raster.FromBytes(_digits.Image(i), 28, 28, 1);
            _corruption.Apply(raster, _corruption.DefaultSeverity, KeyedRandom.For(1, (ulong)i)).CopyToBytesTruncated(_output);
            sum += _output[400];
        }

        return sum;
    }
}
