using System.Text.Json;
using DigitForge.Domain.Randomness;
using DigitForge.Domain.Signal;
using DigitForge.TestSupport;
using Xunit.Abstractions;

namespace DigitForge.UnitTests.Mnist1D;

/// <summary>
/// The primitives behind reference mode against the real NumPy/SciPy (reference/numpy_primitives.py): random draws,
/// np.interp, np.linspace and np.sum/mean/std bit for bit; SciPy's Gaussian filter to within an ulp or two, because
/// NumPy's AVX-512 <c>exp</c> makes SciPy's kernel differ from libm's by an ulp on such CPUs.
/// </summary>
public class NumPyPrimitivesCrossCheckTests(ITestOutputHelper output)
{
    private static readonly Lazy<JsonElement> Results = new(() =>
        JsonDocument.Parse(PythonReference.RunScript(ReferenceScripts.NumPyPrimitives)).RootElement);

    [SkippableFact]
    public void Mt19937_words_match()
    {
        PythonReference.Require(output, "numpy", "scipy");

        foreach (var seed in Results.Value.GetProperty("words").EnumerateObject())
        {
            var generator = new Mt19937(uint.Parse(seed.Name, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(UInts(seed.Value), Enumerable.Range(0, 8).Select(_ => generator.NextUInt32()));
        }

        var keyed = Mt19937.FromKey([0x123U, 0x234U, 0x345U, 0x456U]);
        Assert.Equal(UInts(Results.Value.GetProperty("words_by_array")), Enumerable.Range(0, 8).Select(_ => keyed.NextUInt32()));
    }

    [SkippableFact]
    public void Uniform_and_normal_draws_match_including_the_gauss_cache()
    {
        PythonReference.Require(output, "numpy", "scipy");

        var random = new NumPyLegacyRandom(42);
        Assert.Equal(Doubles(Results.Value.GetProperty("rand")), Enumerable.Range(0, 5).Select(_ => random.RandomSample()));

        random = new NumPyLegacyRandom(42);
        var normals = new double[7];
        random.StandardNormal(normals);
        Assert.Equal(Doubles(Results.Value.GetProperty("randn")), normals);

        random = new NumPyLegacyRandom(7);
        var three = new double[3];
        random.StandardNormal(three);
        double uniform = random.RandomSample();
        var two = new double[2];
        random.StandardNormal(two);
        Assert.Equal(Doubles(Results.Value.GetProperty("gauss_cache")), (double[])[.. three, uniform, .. two]);

        random = new NumPyLegacyRandom(7);
        random.StandardNormal();
        random.Seed(7);
        Assert.Equal(Doubles(Results.Value.GetProperty("gauss_after_reseed")), (double[])[random.StandardNormal(), random.StandardNormal()]);
    }

    [SkippableFact]
    public void Randint_and_choice_match()
    {
        PythonReference.Require(output, "numpy", "scipy");

        var random = new NumPyLegacyRandom(123);
        foreach (var range in Results.Value.GetProperty("randint").EnumerateArray())
        {
            long low = range.GetProperty("low").GetInt64();
            long high = range.GetProperty("high").GetInt64();
            Assert.Equal(Longs(range.GetProperty("values")), Enumerable.Range(0, 6).Select(_ => random.RandInt(low, high)));
        }

        Assert.Equal(Results.Value.GetProperty("randint_next_rand").GetDouble(), random.RandomSample());

        random = new NumPyLegacyRandom(5);
        Assert.Equal(Longs(Results.Value.GetProperty("choice48")), Enumerable.Range(0, 20).Select(_ => random.Choice(48)));
    }

    [SkippableFact]
    public void Permutations_match()
    {
        PythonReference.Require(output, "numpy", "scipy");

        var random = new NumPyLegacyRandom(42);
        Assert.Equal(Ints(Results.Value.GetProperty("permutation40")), random.Permutation(40));
        Assert.Equal(Ints(Results.Value.GetProperty("permutation5000")), random.Permutation(5000));
        Assert.Equal(Results.Value.GetProperty("permutation_next_rand").GetDouble(), random.RandomSample());

        random = new NumPyLegacyRandom(3);
        int[] sizes = [0, 1, 2, 3, 17];
        var expected = Results.Value.GetProperty("permutation_small").EnumerateArray().Select(Ints).ToArray();
        for (int i = 0; i < sizes.Length; i++)
        {
            Assert.Equal(expected[i], random.Permutation(sizes[i]));
        }
    }

    [SkippableFact]
    public void Interp_and_linspace_match_exactly()
    {
        PythonReference.Require(output, "numpy", "scipy");

        foreach (var interp in Results.Value.GetProperty("interp").EnumerateArray())
        {
            double[] x = Doubles(interp.GetProperty("x"));
            var result = new double[x.Length];
            NumPyInterp.Interpolate(x, Doubles(interp.GetProperty("xp")), Doubles(interp.GetProperty("fp")), result);
            Assert.Equal(Doubles(interp.GetProperty("result")), result);
        }

        foreach (var linspace in Results.Value.GetProperty("linspace").EnumerateArray())
        {
            double[] values = NumPyLinspace.Create(linspace.GetProperty("start").GetDouble(), linspace.GetProperty("stop").GetDouble(), linspace.GetProperty("num").GetInt32());
            Assert.Equal(Doubles(linspace.GetProperty("values")), values);
        }
    }

    [SkippableFact]
    public void Sum_mean_and_std_match_exactly_including_chunked_reductions()
    {
        PythonReference.Require(output, "numpy", "scipy");

        foreach (var sum in Results.Value.GetProperty("sums").EnumerateArray())
        {
            double[] values = Doubles(sum.GetProperty("values"));
            Assert.Equal(sum.GetProperty("sum").GetDouble(), NumPySum.Sum(values));
            Assert.Equal(sum.GetProperty("mean").GetDouble(), NumPyMoments.Mean(values));
            Assert.Equal(sum.GetProperty("std").GetDouble(), NumPyMoments.StandardDeviation(values));
        }

        // A column-shuffled array is Fortran-ordered in NumPy, and its statistics run column by column.
        var fortran = Results.Value.GetProperty("fortran");
        Assert.True(fortran.GetProperty("f_contiguous").GetBoolean());
        double[] cOrder = Doubles(fortran.GetProperty("c_order"));
        int rows = fortran.GetProperty("rows").GetInt32();
        int cols = fortran.GetProperty("cols").GetInt32();
        var columnMajor = new double[cOrder.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                columnMajor[(c * rows) + r] = cOrder[(r * cols) + c];
            }
        }

        Assert.Equal(fortran.GetProperty("mean").GetDouble(), NumPyMoments.Mean(columnMajor));
        Assert.Equal(fortran.GetProperty("std").GetDouble(), NumPyMoments.StandardDeviation(columnMajor));
    }

    [SkippableFact]
    public void Gaussian_filters_match_scipy_to_an_ulp_or_two()
    {
        PythonReference.Require(output, "numpy", "scipy");

        double[] kernel = GaussianFilter.Kernel(2.0);
        double[] scipyKernel = Doubles(Results.Value.GetProperty("kernel_sigma2"));
        for (int i = 0; i < kernel.Length; i++)
        {
            Assert.True(Ulps(kernel[i], scipyKernel[i]) <= 1, $"kernel[{i}]: {kernel[i]:R} vs SciPy {scipyKernel[i]:R}");
        }

        int exact = 0;
        int total = 0;
        foreach (var filter in Results.Value.GetProperty("filter1d").EnumerateArray())
        {
            double[] result = GaussianFilter.Filter1D(Doubles(filter.GetProperty("input")), filter.GetProperty("sigma").GetDouble());
            double[] expected = Doubles(filter.GetProperty("output"));
            for (int i = 0; i < result.Length; i++)
            {
                Assert.Equal(expected[i], result[i], 4e-16 * Math.Max(1, Math.Abs(expected[i])));
                exact += expected[i] == result[i] ? 1 : 0;
                total++;
            }
        }

        output.WriteLine($"1-D filter values equal to SciPy's bit for bit: {exact} of {total}");

        var image2d = Results.Value.GetProperty("filter2d");
        float[] pixels = [.. Doubles(image2d.GetProperty("input")).Select(v => (float)v)];
        GaussianFilter.Filter2DInPlace(pixels, image2d.GetProperty("height").GetInt32(), image2d.GetProperty("width").GetInt32(), image2d.GetProperty("sigma").GetDouble());
        float[] expected2d = [.. Doubles(image2d.GetProperty("output")).Select(v => (float)v)];
        for (int i = 0; i < pixels.Length; i++)
        {
            Assert.True(Math.Abs(pixels[i] - expected2d[i]) <= MathF.BitIncrement(Math.Abs(expected2d[i])) - Math.Abs(expected2d[i]), $"pixel {i}: {pixels[i]:R} vs SciPy {expected2d[i]:R}");
        }
    }

    private static long Ulps(double a, double b) => Math.Abs(BitConverter.DoubleToInt64Bits(a) - BitConverter.DoubleToInt64Bits(b));

    private static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    private static long[] Longs(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt64())];

    private static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];

    private static uint[] UInts(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetUInt32())];
}
