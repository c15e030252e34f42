namespace DigitForge.Application.Experiments.Benchmark;

/// <summary>The benchmark's dataset variants: as published, and with every signal's columns shuffled (shuffle_seq).</summary>
public static class BenchmarkVariants
{
    public const string Plain = "plain";
    public const string Shuffled = "shuffled";
}
