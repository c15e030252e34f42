using System.IO.Compression;
using System.Net;
using DigitForge.Application.DataSources;
using DigitForge.Domain.Corruptions;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Datasets.Generators;
using DigitForge.Domain.Randomness;
using DigitForge.Domain.Corruptions.MnistC;
using DigitForge.Infrastructure.Datasets.MnistC;
using DigitForge.Infrastructure.Encoding;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.FunctionalTests;

public sealed class MnistCApiTests(DigitForgeApiFactory factory) : IClassFixture<DigitForgeApiFactory>
{
    [Fact]
    public async Task The_archive_streams_the_MNIST_C_layout_with_the_generator_rows()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/mnist-c.zip?train=12&test=5&seed=4", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal(
            MnistCArchive.Entries(MnistCCorruptions.Names, 12, 5).Select(e => (e.Name, e.Size)),
            zip.Entries.Select(e => (e.FullName, e.Length)));
        var rotate = Read(zip, "mnist_c/rotate/train_images.npy");
        Assert.Equal([12L, 28, 28, 1], rotate.Shape);
        var source = await factory.Services.GetRequiredService<IDigitSource>().GetAsync("mnist", DataSplit.Train);
        var expected = new byte[784];
        MnistCDatasetGenerator.CorruptImage(source.Image(7), CorruptionRegistry.CreateDefault().Get("rotate"), 2, KeyedRandom.For(4, DatasetRowKey.For("train", 7)), expected);
        Assert.Equal(expected, rotate.Data.AsSpan(7 * 784, 784).ToArray());
        Assert.Equal(source.Pixels[..(12 * 784)].ToArray(), Read(zip, "mnist_c/identity/train_images.npy").Data);
    }

    [Fact]
    public async Task Too_many_rows_is_a_400_naming_the_split()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/mnist-c.zip?test=100000", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"test\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static NpyArray Read(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return NpyReader.Read(copy.ToArray());
    }
}
