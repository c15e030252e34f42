using BenchmarkDotNet.Attributes;
using DigitForge.Domain.Corruptions;
using DigitForge.Domain.Corruptions.MnistC;
using DigitForge.Domain.Data;
using DigitForge.Domain.Randomness;

namespace DigitForge.Benchmarks;

/// <summary>
/// MNIST-C fog (severity 5) on 100 MNIST-sized digits, one thread: the implementation before the fast path
/// (<see cref="ReferencePlasmaFractal"/>, same bytes), today's <see cref="FogCorruption"/>, its fractal alone, and the
/// floor of the draws alone (65,535 uniforms per image). Images/s = 1 / mean. <c>-- --filter *FogBenchmarks* --job short</c>.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class FogBenchmarks
{
    private const int Images = 100;
    private const int MapSize = 256;
    private readonly FogCorruption _fog = new();
    private readonly double[] _map = new double[MapSize * MapSize];
    private readonly byte[] _output = new byte[28 * 28];
    private LabeledImages _digits = null!;

    [GlobalSetup]
    public void Setup()
    {
        _digits = SyntheticDigits.Create(Images);
        if (Before() != After())
        {
            throw new InvalidOperationException("The fast fog differs from the reference.");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Images)]
    public int Before()
    {
        int sum = 0;
        for (int i = 0; i < Images; i++)
        {
            ReferencePlasmaFractal.Generate(_map, MapSize, 1.4, KeyedRandom.For(1, (ulong)i));
            FogCorruption.Apply(Raster.FromBytes(_digits.Image(i), 28, 28, 1), 5, _map, MapSize).CopyToBytesRounded(_output);
            sum += _output[400];
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Images)]
    public int After()
    {
        int sum = 0;
        for (int i = 0; i < Images; i++)
        {
            _fog.Apply(Raster.FromBytes(_digits.Image(i), 28, 28, 1), 5, KeyedRandom.For(1, (ulong)i)).CopyToBytesRounded(_output);
            sum += _output[400];
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Images)]
    public double FractalOnly()
    {
        double sum = 0;
        for (int i = 0; i < Images; i++)
        {
            PlasmaFractal.GenerateCorner(_map, MapSize, 1.4, KeyedRandom.For(1, (ulong)i), 28, 28);
            sum += _map[400];
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Images)]
    public double DrawsOnly()
    {
        double sum = 0;
        for (int i = 0; i < Images; i++)
        {
            KeyedRandom.For(1, (ulong)i).NextDoubles(_map.AsSpan(0, (MapSize * MapSize) - 1));
            sum += _map[400];
        }

        return sum;
    }
}
