using DigitForge.Application.Common;
using DigitForge.Domain.Data;
using DigitForge.Domain.Datasets;
using static DigitForge.UnitTests.Datasets.DatasetSpecs;

namespace DigitForge.UnitTests.Sources;

/// <summary>The emnist-balanced and cifar10 generators: the reference's per-class train/valid share, RGB rows, sizes.</summary>
public class SourceGeneratorsTests
{
    [Fact]
    public void Emnist_train_and_valid_take_the_first_five_sixths_and_the_rest_of_each_class_in_source_order()
    {
        // 12 images per class, labels cycling 0..46: image i has pixel 0 = i (mod 256), pixel 1 = i / 256.
        var train = Images(28, 1, 47, 12 * 47);
        var test = Images(28, 1, 47, 47);
        var rows = Open("""{"generator": "emnist-balanced", "splits": {"train": 470, "valid": 94, "test": 47}}""", train, test);

        var trainRows = Fill(rows, 0, 470);
        var validRows = Fill(rows, 1, 94);
        int[] trainIndex = [.. Enumerable.Range(0, 470).Select(r => Index(trainRows, r, 28 * 28))];
        int[] validIndex = [.. Enumerable.Range(0, 94).Select(r => Index(validRows, r, 28 * 28))];

        Assert.Equal(Enumerable.Range(0, 470), trainIndex);
        Assert.Equal(Enumerable.Range(470, 94), validIndex);
        Assert.All(Enumerable.Range(0, 47), c => Assert.Equal(10, trainIndex.Count(i => i % 47 == c)));
        Assert.Equal(trainIndex.Select(i => (byte)(i % 47)), trainRows.Column<byte>(1));
        Assert.Equal(test.Pixels.ToArray(), Fill(rows, 2, 47).Column<byte>(0));
    }

    [Fact]
    public void Emnist_defaults_are_the_references_split_sizes()
    {
        var dataset = Resolve("""{"generator": "emnist-balanced"}""");

        Assert.Equal([("train", 94_000), ("valid", 18_800), ("test", 18_800)], dataset.Definition.Splits.Select(s => (s.Name, s.Rows)));
        Assert.Equal("Class label 0-46.", dataset.Layout.LabelArray.Description);
    }

    [Fact]
    public void Cifar_rows_are_32x32x3_hwc_and_resize_per_channel()
    {
        var train = Images(32, 3, 10, 50);
        var test = Images(32, 3, 10, 10);
        var rows = Open("""{"generator": "cifar10", "splits": {"train": 40, "valid": 10, "test": 10}}""", train, test);
        var resized = Open("""{"generator": "cifar10", "parameters": {"size": 16}, "splits": {"train": 40}}""", train, test);

        Assert.Equal([32, 32, 3], rows.Layout.Arrays[0].RowShape);
        Assert.Equal(3, rows.Layout.Image!.Channels);
        var block = Fill(rows, 0, 40);
        Assert.Equal(train.Image(0).ToArray(), block.Row<byte>(0, 0).ToArray());
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (byte)(i % 10)), block.Column<byte>(1));
        Assert.Equal(train.Image(40).ToArray(), Fill(rows, 1, 10).Row<byte>(0, 0).ToArray());

        var small = Fill(resized, 0, 1).Row<byte>(0, 0);
        Assert.Equal(16 * 16 * 3, small.Length);
        // Each channel of image 0 is constant (see Images), so resizing keeps it.
        Assert.Equal(train.Image(0)[..3].ToArray(), small[..3].ToArray());
        Assert.Equal(train.Image(0)[..3].ToArray(), small[^3..].ToArray());
    }

    [Fact]
    public void Cifar_refuses_grayscale_filters_and_too_many_rows_naming_the_field()
    {
        var filters = Assert.Throws<RequestValidationException>(() => Resolve("""{"generator": "cifar10", "parameters": {"filters": "blur"}}"""));
        var rows = Assert.Throws<RequestValidationException>(() => Resolve("""{"generator": "cifar10", "splits": {"valid": 10001}}"""));

        Assert.Equal("parameters.filters", filters.Errors.Single().Field);
        Assert.Equal("splits.valid", rows.Errors.Single().Field);
    }

    [Fact]
    public void Fewer_source_images_than_asked_for_name_the_split()
    {
        var train = Images(32, 3, 10, 50);
        var error = Assert.Throws<DatasetSpecException>(() => Open("""{"generator": "cifar10", "splits": {"train": 41}}""", train, train));

        Assert.Equal("splits.train", error.Errors.Single().Field);
        Assert.Contains("40", error.Errors.Single().Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("facescrub")]
    [InlineData("FaceScrub")]
    public void Asking_for_facescrub_explains_that_it_is_imported_not_generated(string name)
    {
        var error = Assert.Throws<RequestValidationException>(() => Resolve($$"""{"generator": "{{name}}"}"""));

        Assert.Equal("generator", error.Errors.Single().Field);
        Assert.Contains("not a dataset generator source", error.Errors.Single().Message, StringComparison.Ordinal);
    }

    // Image i: every pixel's channel c = (i + 50 c) mod 256 for RGB; grayscale: pixel 0 = i mod 256, pixel 1 = i / 256.
    private static LabeledImages Images(int side, int channels, int classes, int count)
    {
        int size = side * side * channels;
        var pixels = new byte[count * size];
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = (byte)(i % classes);
            var image = pixels.AsSpan(i * size, size);
            if (channels == 1)
            {
                image[0] = (byte)(i % 256);
                image[1] = (byte)(i / 256);
                continue;
            }

            for (int p = 0; p < side * side; p++)
            {
                for (int c = 0; c < channels; c++)
                {
                    image[(p * channels) + c] = (byte)((i + (50 * c)) % 256);
                }
            }
        }

        return new LabeledImages(side, side, channels, pixels, labels);
    }

    private static int Index(RowBlock block, int row, int size) => block.Column<byte>(0)[row * size] + (256 * block.Column<byte>(0)[(row * size) + 1]);

    private static IDatasetRows Open(string json, LabeledImages train, LabeledImages test)
    {
        var dataset = Resolve(json);
        var inputs = dataset.Generator.RequiredSources(dataset.Definition).ToDictionary(k => k, k => k.Test ? test : train);
        return dataset.Generator.Open(dataset.Definition, new GeneratorInputs(inputs));
    }

    private static RowBlock Fill(IDatasetRows rows, int split, int count)
    {
        var block = new RowBlock(rows.Layout, count);
        RowBlockFiller.Fill(rows, split, 0, count, block);
        return block;
    }
}
