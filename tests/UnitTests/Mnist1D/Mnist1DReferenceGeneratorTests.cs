using DigitForge.Domain.Mnist1D;

namespace DigitForge.UnitTests.Mnist1D;

public class Mnist1DReferenceGeneratorTests
{
    [Fact]
    public void Reference_is_the_default_mode_and_is_deterministic()
    {
        var a = Mnist1DGenerator.Generate(Mnist1DArguments.Default with { NumSamples = 200 });
        var b = Mnist1DReferenceGenerator.Generate(Mnist1DArguments.Default with { NumSamples = 200 });
        Assert.Equal(Mnist1DMode.Reference, a.Mode);
        Assert.Equal(a.X.ToArray(), b.X.ToArray());
        Assert.Equal(a.YTest.ToArray(), b.YTest.ToArray());
    }

    [Theory]
    [InlineData(60)]
    [InlineData(61)]
    public void The_parallel_pipeline_gives_the_sequential_loops_bits(int maxPadding)
    {
        // 9,000 samples span five chunks; an odd dilated length (12 + 61) carries a cached normal across samples and
        // chunk boundaries, the case where deferring the polar factors could go wrong.
        var arguments = Mnist1DArguments.Default with { NumSamples = 9_000, Padding = new Mnist1DPadding(36, maxPadding) };
        var sequential = Mnist1DReferenceGenerator.Generate(arguments, Mnist1DTemplates.Default, trace: [], kernel: null, progress: null, CancellationToken.None);
        var pipelined = Mnist1DReferenceGenerator.Generate(arguments);
        Assert.Equal(sequential.X.ToArray(), pipelined.X.ToArray());
        Assert.Equal(sequential.XTest.ToArray(), pipelined.XTest.ToArray());
        Assert.Equal(sequential.Y.ToArray(), pipelined.Y.ToArray());
    }

    [Fact]
    public void Shuffle_seq_permutes_columns_after_the_rows()
    {
        // Same stream up to permutation(n), so rows match as multisets; the column order is one permutation for all.
        var plain = Mnist1DReferenceGenerator.Generate(Mnist1DArguments.Default with { NumSamples = 100 });
        var shuffled = Mnist1DReferenceGenerator.Generate(Mnist1DArguments.Default with { NumSamples = 100, ShuffleSequence = true });
        Assert.Equal(plain.Y.ToArray(), shuffled.Y.ToArray());
        int[]? order = null;
        for (int row = 0; row < plain.TrainCount; row++)
        {
            double[] a = plain.Row(Mnist1DSplit.Train, row).ToArray();
            double[] b = shuffled.Row(Mnist1DSplit.Train, row).ToArray();
            int[] columns = [.. b.Select(v => Array.FindIndex(a, w => Math.Abs(w - v) < 1e-9))];
            order ??= columns;
            Assert.Equal(order, columns);
        }

        Assert.Equal(Enumerable.Range(0, 40), order!.Order());
    }

    [Fact]
    public void Progress_reports_samples_and_cancellation_stops_generation()
    {
        var reports = new List<int>();
        Mnist1DReferenceGenerator.Generate(Mnist1DArguments.Default with { NumSamples = 10_000 }, new SynchronousProgress(reports.Add));
        Assert.Equal([2048, 4096, 6144, 8192, 10_000], reports);

        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Mnist1DReferenceGenerator.Generate(Mnist1DArguments.Default, cancellationToken: cancellation.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => Mnist1DGenerator.Generate(Mnist1DArguments.Default, Mnist1DMode.Keyed, cancellationToken: cancellation.Token));
    }

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
