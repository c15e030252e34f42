using System.Runtime.InteropServices;
using DigitForge.Application.Experiments.Gasten;
using DigitForge.Application.Training;
using DigitForge.Application.Training.Layers;
using DigitForge.TestSupport;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace DigitForge.EngineTests.Gasten;

/// <summary>
/// The engine's <c>fid_inception_v3</c> layer against pytorch-fid's network in PyTorch (fid_inception_reference.py
/// beside this file defines it from torchvision's inception_v3 and pytorch-fid's FID blocks): the same randomly
/// initialised state dict, written by Python's torch.save as pytorch-fid's weight file is (an OrderedDict, fc
/// included), loaded by our own reader and run on the same images; and bad weight files refused with the file and key.
/// </summary>
public sealed class FidInceptionTests(ITestOutputHelper output)
{
    private const string Script = "tests/EngineTests/Gasten/fid_inception_reference.py";
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), $"digitforge-fid-inception-{Environment.ProcessId}");
    private static readonly Dictionary<string, string> Written = new(StringComparer.Ordinal);

    /// <summary>A weight file made by the reference script once per variant (its arguments after the seed).</summary>
    private string Weights(params string[] options)
    {
        PythonReference.Require(output, "torch", "torchvision", "numpy");
        string key = string.Join(' ', options);
        lock (Written)
        {
            if (!Written.TryGetValue(key, out string? path))
            {
                Directory.CreateDirectory(Folder);
                path = Path.Combine(Folder, $"weights-{Written.Count}.pth");
                PythonReference.RunScript(Script, ["write", path, "7", .. options]);
                Written[key] = path;
            }

            return path;
        }
    }

    private static float[] Images(int rows, int channels, int size, int seed, float low, float high)
    {
        var random = new Random(seed);
        var x = new float[rows * channels * size * size];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = low + ((high - low) * (float)random.NextDouble());
        }

        return x;
    }

    private static float[] PyTorchFeatures(string weights, float[] x, bool normalize, int channels, int size)
    {
        Directory.CreateDirectory(Folder);
        string input = Path.Combine(Folder, $"in-{Guid.NewGuid():N}.f32");
        string result = Path.Combine(Folder, $"out-{Guid.NewGuid():N}.f32");
        File.WriteAllBytes(input, MemoryMarshal.AsBytes(x.AsSpan()).ToArray());
        PythonReference.RunScript(Script, "features", weights, input, result, normalize ? "1" : "0", $"{channels}", $"{size}", $"{size}");
        return MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(result)).ToArray();
    }

    private void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = expected.Max(v => Math.Abs(v));
        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        }

        output.WriteLine($"{expected.Length} features, largest |feature| {scale:0.0000}, largest difference {worst:E2}");
        Assert.True(scale > 0.1, "the random network's features are all near zero: the check would prove nothing");
        Assert.True(worst <= 1e-4 * Math.Max(1, scale), $"largest difference {worst:E2} (features up to {scale:0.0000})");
    }

    [SkippableFact]
    public void GASTeN_images_give_pytorch_fid_features()
    {
        string weights = Weights();
        // As GASTeN feeds them: one channel in [-1, 1], repeated to three, resized to 299, no further normalisation.
        float[] x = Images(5, 1, 28, seed: 1, -1, 1);
        using var model = Engine.Trainer.CreateModel(InceptionFeatures.Description(weights), TrainingDevice.Cpu);
        Assert.Equal(InceptionFeatures.Features, model.OutputSize);
        AssertClose(PyTorchFeatures(weights, x, normalize: false, 1, 28), model.Forward(x));
    }

    [SkippableFact]
    public void Colour_images_in_zero_one_are_normalised_as_pytorch_fid_does()
    {
        string weights = Weights();
        float[] x = Images(3, 3, 40, seed: 2, 0, 1);
        using var model = Engine.Trainer.CreateModel(new ModelDescription([3, 40, 40], [new FidInceptionV3Layer(weights, BatchSize: 2)]), TrainingDevice.Cpu);
        AssertClose(PyTorchFeatures(weights, x, normalize: true, 3, 40), model.Forward(x));
    }

    [SkippableFact]
    public void The_legacy_torch_save_format_loads_the_same_weights()
    {
        float[] x = Images(2, 1, 28, seed: 3, -1, 1);
        using var zip = Engine.Trainer.CreateModel(InceptionFeatures.Description(Weights()), TrainingDevice.Cpu);
        using var legacy = Engine.Trainer.CreateModel(InceptionFeatures.Description(Weights("--legacy")), TrainingDevice.Cpu);
        Assert.Equal(zip.Forward(x), legacy.Forward(x));
    }

    [SkippableFact]
    public async Task A_run_with_the_weight_file_configured_gets_inception_and_says_so()
    {
        string weights = Weights();
        var messages = new List<string>();
        var networks = new FidNetworks(Options.Create(new GastenOptions { InceptionWeights = weights }));
        using var network = await networks.LoadAsync(Engine.Trainer, null!, "mnist", 28, new GastenCache(Folder, "test"), TrainingDevice.Cpu, messages.Add, CancellationToken.None);
        Assert.Equal((InceptionFeatures.Name, InceptionFeatures.Features), (network.Name, network.Features));
        Assert.Equal(InceptionFeatures.Fingerprint(weights), network.Weights);
        Assert.StartsWith($"{InceptionFeatures.Name}-", network.StatsKey, StringComparison.Ordinal);
        Assert.Contains(messages, m => m.Contains(weights, StringComparison.Ordinal));
        var stats = network.StatsOf(Images(3, 1, 28, seed: 4, -1, 1), 3);
        Assert.Equal(InceptionFeatures.Features, stats.Dimensions);
    }

    [SkippableTheory]
    [InlineData("--drop", "Mixed_7c.branch_pool.conv.weight", "missing key \"Mixed_7c.branch_pool.conv.weight\"")]
    [InlineData("--drop", "Conv2d_1a_3x3.bn.running_var", "missing key \"Conv2d_1a_3x3.bn.running_var\"")]
    [InlineData("--reshape", "Mixed_6b.branch7x7_2.conv.weight", "\"Mixed_6b.branch7x7_2.conv.weight\" has shape [129, 128, 1, 7], pytorch-fid's Inception-v3 has [128, 128, 1, 7]")]
    [InlineData("--not-a-state-dict", "", "not a state dict")]
    public void A_bad_weight_file_is_refused_naming_the_file_and_the_key(string option, string key, string expected)
    {
        string weights = key.Length > 0 ? Weights(option, key) : Weights(option);
        var ex = Assert.Throws<TrainingEngineException>(() => Engine.Trainer.CreateModel(InceptionFeatures.Description(weights), TrainingDevice.Cpu));
        output.WriteLine(ex.Message);
        Assert.Equal(EngineErrorKind.Io, ex.Kind);
        Assert.Contains(weights, ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage", "not a PyTorch state dict file")]
    [InlineData("zip", "not a PyTorch state dict file")]
    [InlineData("missing", "cannot open the file")]
    public void A_file_that_is_no_torch_save_at_all_is_refused(string kind, string expected)
    {
        Directory.CreateDirectory(Folder);
        string path = Path.Combine(Folder, $"{kind}-{Guid.NewGuid():N}.pth");
        if (kind == "garbage")
        {
            File.WriteAllBytes(path, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 37))]);
        }
        else if (kind == "zip")
        {
            File.WriteAllBytes(path, [(byte)'P', (byte)'K', 3, 4, 0, 0, 1, 2, 3]);
        }

        var ex = Assert.Throws<TrainingEngineException>(() => Engine.Trainer.CreateModel(InceptionFeatures.Description(path), TrainingDevice.Cpu));
        output.WriteLine(ex.Message);
        Assert.Equal(EngineErrorKind.Io, ex.Kind);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
