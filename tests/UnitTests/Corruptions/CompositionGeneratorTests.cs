using System.Text;
using DigitForge.Domain.Corruptions;
using DigitForge.Domain.Corruptions.Compositions;
using DigitForge.Domain.Data;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Randomness;
using DigitForge.UnitTests.Datasets;

namespace DigitForge.UnitTests.Corruptions;

/// <summary>The composition and compositional-benchmark generators: layouts, row mapping, labels, validation.</summary>
public class CompositionGeneratorTests
{
    private static readonly CompositionParser Parser = new(CorruptionRegistry.CreateDefault());

    [Fact]
    public void Composition_rows_are_the_source_images_corrupted_and_truncated()
    {
        var digits = Digits(20, 28, 1);
        var rows = Open("""{"generator": "composition", "parameters": {"composition": "Invert-Swirl"}, "seed": 4, "splits": {"train": 20, "test": 5}}""", digits);

        Assert.Equal([28, 28], rows.Layout.Arrays[0].RowShape);
        var block = Fill(rows, 0, 0, 20);
        for (int i = 0; i < 20; i++)
        {
            var expected = new byte[784];
            Parser.Parse("invert-swirl").Apply(Raster.FromBytes(digits.Image(i), 28, 28, 1), KeyedRandom.For(0)).CopyToBytesTruncated(expected);
            Assert.Equal(expected, block.Row<byte>(0, i).ToArray());
            Assert.Equal(digits.Label(i), block.Column<byte>(1)[i]);
        }
    }

    [Fact]
    public void Colour_sources_keep_their_channels()
    {
        var images = Digits(6, 32, 3);
        var rows = Open("""{"generator": "composition", "parameters": {"source": "cifar10", "composition": "rotate90-impulse_noise"}, "splits": {"train": 6}}""", images);

        Assert.Equal([32, 32, 3], rows.Layout.Arrays[0].RowShape);
        Assert.Equal(new ImageView("x", 32, 32, 3), rows.Layout.Image);
        var block = Fill(rows, 0, 0, 6);
        Assert.Equal(6 * 32 * 32 * 3, block.Column<byte>(0).Length);
        var again = Fill(rows, 0, 3, 3);
        Assert.Equal(block.Column<byte>(0).AsSpan(3 * 3072).ToArray(), again.Column<byte>(0));
    }

    [Fact]
    public void Bad_composition_is_a_parameter_error()
    {
        var error = Assert.Throws<Application.Common.RequestValidationException>(() => DatasetSpecs.Resolve("""{"generator": "composition", "parameters": {"composition": "invert-twirl"}}"""));
        Assert.Contains("parameters.composition", error.Message + string.Join(",", error.Errors.Select(e => e.Field)), StringComparison.Ordinal);
    }

    [Fact]
    public void Benchmark_interleaves_elementals_and_compositions_with_their_index()
    {
        var digits = Digits(30, 28, 1);
        var rows = Open("""{"generator": "compositional-benchmark", "parameters": {"compositions": "invert-swirl,swirl-invert,contrast"}, "seed": 2, "splits": {"train": 21, "test": 9}}""", digits);

        var train = Fill(rows, 0, 0, 21);
        var test = Fill(rows, 1, 0, 9);
        Assert.Equal(Enumerable.Range(0, 21).Select(i => (long)(i % 7)), train.Column<long>(2));
        Assert.Equal(Enumerable.Range(0, 9).Select(i => (long)(i % 3)), test.Column<long>(2));
        Assert.Equal(Enumerable.Range(0, 21).Select(i => digits.Label(i / 7)), train.Column<byte>(1).Select(b => (int)b));
        Assert.Equal(digits.Image(0).ToArray(), train.Row<byte>(0, 0).ToArray()); // identity of image 0

        var expected = new byte[784];
        Parser.Parse("swirl-invert").Apply(Raster.FromBytes(digits.Image(2), 28, 28, 1), KeyedRandom.For(0)).CopyToBytesTruncated(expected);
        Assert.Equal(expected, test.Row<byte>(0, 7).ToArray()); // row 7 = composition 1 of image 2

        Assert.Equal("identity\ncontrast\ngaussian_blur\nimpulse_noise\ninvert\nrotate90\nswirl\n", Encoding.UTF8.GetString(rows.Extra("elemental_names").Span));
        Assert.Equal("invert-swirl\nswirl-invert\ncontrast\n", Encoding.UTF8.GetString(rows.Extra("composition_names").Span));
        Assert.Equal(rows.Layout.Extras.Select(e => (int)e.ByteLength), [rows.Extra("elemental_names").Length, rows.Extra("composition_names").Length]);
    }

    [Fact]
    public void Benchmark_defaults_to_the_167_list()
    {
        var dataset = DatasetSpecs.Resolve("""{"generator": "compositional-benchmark", "splits": {"test": 334}}""");
        var layout = dataset.Generator.Describe(dataset.Definition);
        var names = string.Join('\n', DefaultCompositions.Create(CorruptionRegistry.CreateDefault()).Select(c => c.Name)) + "\n";
        Assert.Equal(Encoding.UTF8.GetByteCount(names), layout.Extras[1].ByteLength);
    }

    [Fact]
    public void Benchmark_refuses_more_rows_than_corruptions_times_images()
    {
        var error = Assert.Throws<Application.Common.RequestValidationException>(() => DatasetSpecs.Resolve("""{"generator": "compositional-benchmark", "parameters": {"compositions": "invert"}, "splits": {"test": 10001}}"""));
        Assert.Contains(error.Errors, e => e.Field == "splits.test");
    }

    [Fact]
    public void Valid_holds_out_the_last_images_of_each_class_as_the_reference()
    {
        var digits = Digits(30, 28, 1); // labels i % 10: three images per class, the last of each is 20..29
        var rows = Open("""{"generator": "composition", "parameters": {"composition": "invert", "valid_per_class": 1}, "splits": {"train": 20, "valid": 10, "test": 4}}""", digits);

        var train = Fill(rows, 0, 0, 20);
        var valid = Fill(rows, 1, 0, 10);
        Assert.Equal(digits.Image(19).ToArray().Select(b => (byte)(255 - b)), train.Row<byte>(0, 19).ToArray());
        Assert.Equal(digits.Image(20).ToArray().Select(b => (byte)(255 - b)), valid.Row<byte>(0, 0).ToArray());
        Assert.Equal(Enumerable.Range(20, 10).Select(i => digits.Label(i)), valid.Column<byte>(1).Select(b => (int)b));

        var benchmark = Open("""{"generator": "compositional-benchmark", "parameters": {"compositions": "invert", "valid_per_class": 1}, "splits": {"valid": 14}}""", digits);
        var elementals = Fill(benchmark, 0, 0, 14);
        Assert.Equal(digits.Image(21).ToArray(), elementals.Row<byte>(0, 7).ToArray()); // identity of valid image 1 = source 21
    }

    [Fact]
    public void An_empty_valid_split_is_fine_without_holding_out_images() =>
        Assert.Equal(3, DatasetSpecs.Resolve("""{"generator": "composition", "splits": {"train": 5, "valid": 0, "test": 5}}""").Definition.Splits.Count);

    [Theory]
    [InlineData("""{"generator": "composition", "splits": {"valid": 10}}""", "splits.valid")]
    [InlineData("""{"generator": "composition", "parameters": {"valid_per_class": 1000}, "splits": {"train": 50001}}""", "splits.train")]
    [InlineData("""{"generator": "composition", "parameters": {"source": "cifar10", "valid_per_class": 5000}, "splits": {"test": 1}}""", "parameters.valid_per_class")]
    public void Valid_split_rules_name_the_field(string spec, string field)
    {
        var error = Assert.Throws<Application.Common.RequestValidationException>(() => DatasetSpecs.Resolve(spec));
        Assert.Contains(error.Errors, e => e.Field == field);
    }

    [Fact]
    public void FaceScrub_labels_above_255_are_int64_and_byte_label_sources_stay_uint8()
    {
        // 100x100 RGB faces with FaceScrub's widest labels (identity 487 = label 387).
        var pixels = CorruptionTestImages.RandomBytes(4 * 100 * 100 * 3, 7);
        var faces = new LabeledImages(100, 100, 3, pixels, new ushort[] { 0, 387, 200, 300 });
        var rows = Open("""{"generator": "compositional-benchmark", "parameters": {"source": "facescrub", "compositions": "invert-swirl"}, "splits": {"train": 28, "test": 4}}""", faces);

        Assert.Equal(ElementType.Int64, rows.Layout.LabelArray.ElementType);
        Assert.Equal([100, 100, 3], rows.Layout.Arrays[0].RowShape);
        Assert.Equal(Enumerable.Range(0, 28).Select(i => (long)faces.Label(i / 7)), Fill(rows, 0, 0, 28).Column<long>(1));
        Assert.Equal([0L, 387, 200, 300], Fill(rows, 1, 0, 4).Column<long>(1));

        var mnist = Open("""{"generator": "compositional-benchmark", "parameters": {"compositions": "invert-swirl"}, "splits": {"train": 7, "test": 1}}""", Digits(2, 28, 1));
        Assert.Equal(ElementType.UInt8, mnist.Layout.LabelArray.ElementType);
    }

    [Fact]
    public void A_label_above_255_is_refused_by_a_uint8_column_not_truncated()
    {
        var images = new LabeledImages(2, 2, 1, new byte[8], new ushort[] { 3, 300 });
        var bytes = new byte[2];

        Assert.Throws<OverflowException>(() => images.CopyLabels(0, bytes));
        Assert.Equal(301, images.ClassCount);
        Assert.Equal([1], images.IndicesOf(300).ToArray());
    }

    private static LabeledImages Digits(int count, int size, int channels)
    {
        var pixels = CorruptionTestImages.RandomBytes(count * size * size * channels, (ulong)size);
        var labels = Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray();
        return new LabeledImages(size, size, channels, pixels, labels);
    }

    private static IDatasetRows Open(string json, LabeledImages digits)
    {
        var dataset = DatasetSpecs.Resolve(json);
        var inputs = new GeneratorInputs(dataset.Generator.RequiredSources(dataset.Definition).ToDictionary(k => k, _ => digits));
        return dataset.Generator.Open(dataset.Definition, inputs);
    }

    private static RowBlock Fill(IDatasetRows rows, int split, int first, int count)
    {
        var block = new RowBlock(rows.Layout, count);
        RowBlockFiller.Fill(rows, split, first, count, block);
        return block;
    }
}
