using DigitForge.Application.Experiments.Gasten;
using Microsoft.Extensions.Options;

namespace DigitForge.UnitTests.Gasten;

/// <summary>Which FID network a run gets: Inception only where pytorch-fid's weight file is, else the digit network.</summary>
public sealed class FidNetworksTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"digitforge-fidnetworks-{Guid.NewGuid():N}");

    public FidNetworksTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private GastenCache Cache => new(folder, "test");

    private static FidNetworks With(string? weights) => new(Options.Create(new GastenOptions { InceptionWeights = weights }));

    [Fact]
    public void A_configured_file_that_exists_is_used()
    {
        string path = Path.Combine(folder, "elsewhere.pth");
        File.WriteAllBytes(path, [1]);
        Assert.Equal(path, With(path).InceptionWeightsFor(Cache));
    }

    [Fact]
    public void Unconfigured_the_cache_folder_s_pytorch_fid_file_is_used_when_there()
    {
        Assert.Null(With(null).InceptionWeightsFor(Cache));
        File.WriteAllBytes(Cache.PathOf(GastenOptions.DefaultWeightsFile), [1]);
        Assert.Equal(Cache.PathOf(GastenOptions.DefaultWeightsFile), With(null).InceptionWeightsFor(Cache));
        Assert.Equal(Cache.PathOf(GastenOptions.DefaultWeightsFile), With(" ").InceptionWeightsFor(Cache));
    }

    [Fact]
    public void A_configured_file_that_is_missing_means_the_digit_network_even_beside_a_default_file()
    {
        File.WriteAllBytes(Cache.PathOf(GastenOptions.DefaultWeightsFile), [1]);
        Assert.Null(With(Path.Combine(folder, "typo.pth")).InceptionWeightsFor(Cache));
    }

    [Fact]
    public void The_fingerprint_is_the_start_of_the_file_s_sha256()
    {
        string path = Path.Combine(folder, "w.pth");
        File.WriteAllText(path, "abc");
        Assert.Equal("ba7816bf8f01cfea", InceptionFeatures.Fingerprint(path));
    }
}
