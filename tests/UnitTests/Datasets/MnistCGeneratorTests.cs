using DigitForge.Domain.Corruptions;
using DigitForge.Domain.Corruptions.MnistC;
using DigitForge.Domain.Data;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Randomness;
using DigitForge.UnitTests.Corruptions;

namespace DigitForge.UnitTests.Datasets;

public class MnistCGeneratorTests
{
    [Fact]
    public void Defaults_are_MNIST_C_sizes_and_layout()
    {
        var dataset = DatasetSpecs.Resolve("""{"generator": "mnist-c", "parameters": {"corruption": "fog"}}""");
        var layout = dataset.Generator.Describe(dataset.Definition);

        Assert.Equal([60_000, 10_000], dataset.Definition.Splits.Select(s => s.Rows));
        Assert.Equal([28, 28, 1], layout.Arrays[0].RowShape);
        Assert.Equal(ElementType.UInt8, layout.Arrays[0].ElementType);
        Assert.Equal(ElementType.UInt8, layout.Arrays[1].ElementType);
    }

    [Theory]
    [InlineData("stripe", 0, 1)]
    [InlineData("impulse_noise", 0, 4)]
    [InlineData("fog", 0, 5)]
    [InlineData("shear", 4, 4)]
    public void Severity_0_means_the_MNIST_C_default(string corruption, int severity, int expected)
    {
        var dataset = DatasetSpecs.Resolve($$$"""{"generator": "mnist-c", "parameters": {"corruption": "{{{corruption}}}", "severity": {{{severity}}}}}""");
        var generator = Assert.IsType<Domain.Datasets.Generators.MnistCDatasetGenerator>(dataset.Generator);

        Assert.Equal(expected, generator.Resolve(dataset.Definition).Severity);
    }

    [Fact]
    public void A_severity_beyond_a_deterministic_corruption_names_the_parameter()
    {
        var error = Assert.Throws<Application.Common.RequestValidationException>(() => DatasetSpecs.Resolve("""{"generator": "mnist-c", "parameters": {"corruption": "stripe", "severity": 3}}"""));

        Assert.Contains(error.Errors, e => e.Field == "parameters.severity");
    }

    [Fact]
    public void An_unknown_corruption_names_the_parameter()
    {
        var error = Assert.Throws<Application.Common.RequestValidationException>(() => DatasetSpecs.Resolve("""{"generator": "mnist-c", "parameters": {"corruption": "frost"}}"""));

        Assert.Contains(error.Errors, e => e.Field == "parameters.corruption");
    }

    [Theory]
    [InlineData("identity")]
    [InlineData("stripe")]
    [InlineData("shot_noise")]
    [InlineData("rotate")]
    public void Rows_are_the_corrupted_source_images_rounded_and_random_access(string corruption)
    {
        var digits = Digits();
        var dataset = DatasetSpecs.Resolve($$$"""{"generator": "mnist-c", "parameters": {"corruption": "{{{corruption}}}"}, "seed": 9, "splits": {"train": 6, "test": 6}}""");
        var rows = dataset.Generator.Open(dataset.Definition, new GeneratorInputs(dataset.Generator.RequiredSources(dataset.Definition).ToDictionary(k => k, _ => digits)));

        var all = Fill(rows, 0, 0, 6);
        var last = Fill(rows, 0, 5, 1);
        Assert.Equal(all.Column<byte>(0).AsSpan(5 * 784, 784).ToArray(), last.Column<byte>(0));
        Assert.Equal(digits.Labels[..6].ToArray(), all.Column<byte>(1).Select(b => (ushort)b));

        var instance = CorruptionRegistry.CreateDefault().Get(corruption);
        var expected = instance.Apply(Raster.FromBytes(digits.Image(5), 28, 28, 1), MnistCCorruptions.DefaultSeverity(corruption, CorruptionRegistry.CreateDefault()), KeyedRandom.For(9, DatasetRowKey.For("train", 5)));
        var bytes = new byte[784];
        expected.CopyToBytesRounded(bytes);
        Assert.Equal(bytes, last.Column<byte>(0));
        if (corruption == "identity")
        {
            Assert.Equal(digits.Pixels[..(6 * 784)].ToArray(), all.Column<byte>(0));
        }
    }

    private static LabeledImages Digits()
    {
        var images = MnistCTestImages.Digits(0);
        var pixels = new byte[10 * 784];
        for (int i = 0; i < 10; i++)
        {
            images[i % images.Length].CopyTo(pixels, i * 784);
        }

        return new LabeledImages(28, 28, pixels, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }

    private static RowBlock Fill(IDatasetRows rows, int split, int first, int count)
    {
        var block = new RowBlock(rows.Layout, count);
        RowBlockFiller.Fill(rows, split, first, count, block);
        return block;
    }
}
