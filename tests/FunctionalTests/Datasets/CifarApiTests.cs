using System.Net;
using DigitForge.Infrastructure.Data;
using DigitForge.Infrastructure.Encoding;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static DigitForge.FunctionalTests.ProblemDetailsAssertions;

namespace DigitForge.FunctionalTests.Datasets;

/// <summary>CIFAR-10 as a dataset through the API, from a fixture archive imported into the test data directory.</summary>
public sealed class CifarApiTests(DatasetApiFactory factory) : IClassFixture<DatasetApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Cifar_rows_are_rgb_pngs_and_the_npz_holds_hwc_images()
    {
        await ImportAsync();
        var dataset = await _client.CreateAsync("""{"generator": "cifar10", "splits": {"train": 40, "valid": 10, "test": 10}}""");

        var png = await _client.GetByteArrayAsync($"/api/datasets/{dataset.Id()}/rows/train/3.png");
        var npz = NpzReader.ReadAll(new MemoryStream(await _client.GetByteArrayAsync($"/api/datasets/{dataset.Id()}/download?format=npz")));

        Assert.Equal(2, png[25]); // IHDR colour type 2: truecolour RGB
        Assert.Equal([40L, 32, 32, 3], npz["x_train"].Shape);
        Assert.Equal([10L, 32, 32, 3], npz["x_valid"].Shape);
        Assert.Equal(ArchiveTestDataWriter.CifarImage(3, 3), npz["x_train"].ToArray<byte>().AsSpan(3 * 3072, 3072).ToArray());
        Assert.Equal(ArchiveTestDataWriter.CifarImage(40, 0), npz["x_valid"].ToArray<byte>().AsSpan(0, 3072).ToArray());
        var zip = await _client.GetAsync($"/api/datasets/{dataset.Id()}/download?format=zip");
        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
    }

    [Fact]
    public async Task A_sequence_of_cifar_images_is_a_400_on_source()
    {
        await ImportAsync();

        await AssertValidationProblemAsync(await _client.GetAsync("/sequence?digits=12&source=cifar10&seed=1"), "source");
    }

    [Fact]
    public async Task Asking_for_facescrub_is_a_400_saying_why()
    {
        var response = await _client.PostSpecAsync("""{"generator": "facescrub"}""");

        var problem = await AssertValidationProblemAsync(response, "generator");
        Assert.Contains("not a dataset generator source", problem.GetProperty("errors").GetProperty("generator")[0].GetString(), StringComparison.Ordinal);
    }

    private async Task ImportAsync()
    {
        string archive = Path.Combine(factory.DataDir, "cifar-10-binary.tar.gz");
        await ArchiveTestDataWriter.WriteCifarTarGzAsync(archive, trainPerClass: 5, testPerClass: 1);
        var importer = new ArchiveImporter(Options.Create(new DataDirectoryOptions { DataDir = factory.DataDir }), NullLogger<ArchiveImporter>.Instance);
        await importer.ImportAsync(archive, KnownSources.Cifar10);
    }
}
