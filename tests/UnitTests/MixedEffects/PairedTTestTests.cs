using System.Globalization;
using DigitForge.Domain.MixedEffects;
using DigitForge.TestSupport;
using Xunit.Abstractions;

namespace DigitForge.UnitTests.MixedEffects;

/// <summary>The paired t-test is scipy.stats.ttest_rel: same t and two-sided p.</summary>
public sealed class PairedTTestTests(ITestOutputHelper output)
{
    public static TheoryData<double[], double[]> Samples => new()
    {
        // The notebook's shape: 10 folds of accuracies, ME a little above conventional.
        { [0.745, 0.751, 0.739, 0.760, 0.731, 0.748, 0.744, 0.752, 0.736, 0.749], [0.718, 0.722, 0.701, 0.735, 0.699, 0.730, 0.712, 0.728, 0.704, 0.721] },
        { [0.55, 0.61, 0.48, 0.72, 0.66], [0.70, 0.52, 0.81, 0.64, 0.77] },
        { [1.0, 2.0, 3.0], [1.1, 1.9, 3.4] },
        { [0.5, 0.52], [0.49, 0.5] },
    };

    [SkippableTheory]
    [MemberData(nameof(Samples))]
    public void Matches_scipy_ttest_rel(double[] a, double[] b)
    {
        PythonReference.Require(output, "scipy");

        var ours = PairedTTest.Test(a, b);
        string text = PythonReference.Run(
            "import sys, scipy.stats as s; a=[float(v) for v in sys.argv[1].split(',')]; b=[float(v) for v in sys.argv[2].split(',')]; r=s.ttest_rel(a,b); print(repr(float(r.statistic)), repr(float(r.pvalue)))",
            string.Join(',', a.Select(v => v.ToString("R", CultureInfo.InvariantCulture))),
            string.Join(',', b.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        var parts = text.Trim().Split(' ');
        double t = double.Parse(parts[0], CultureInfo.InvariantCulture), p = double.Parse(parts[1], CultureInfo.InvariantCulture);
        output.WriteLine($"ours t={ours.T:R} p={ours.P:R}; scipy t={t:R} p={p:R}");
        Assert.Equal(t, ours.T, 1e-9 * Math.Max(1, Math.Abs(t)));
        Assert.Equal(p, ours.P, 1e-10 + (1e-8 * p));
        Assert.Equal(a.Length - 1, ours.DegreesOfFreedom);
    }

    [Fact]
    public void Known_values_without_python()
    {
        // t = 1 with 1 degree of freedom (Cauchy): p = 0.5 exactly; t = 2.262157 with 9: p = 0.05 (the textbook table).
        Assert.Equal(0.5, PairedTTest.TwoSidedP(1, 1), 12);
        Assert.Equal(0.05, PairedTTest.TwoSidedP(2.2621571627982, 9), 9);
        Assert.True(double.IsNaN(PairedTTest.Test([1.0], [2.0]).P));
        Assert.Throws<ArgumentException>(() => PairedTTest.Test([1.0, 2.0], [1.0]));
    }
}
