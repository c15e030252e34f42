using DigitForge.Application.Experiments.Gan;
using System.Text.Json;
using DigitForge.Application.Training;
using DigitForge.Application.Training.Layers;
using DigitForge.TestSupport;
using Xunit.Abstractions;

namespace DigitForge.EngineTests.Tasks;

/// <summary>The DCGAN descriptions are the spec's architecture (gasten.md §2): sizes, parameter counts, initialisation.</summary>
public sealed class DcganTests(ITestOutputHelper output)
{
    // Generator: Linear 64->4096 (no bias) 262,144 + BN1d(4096) 8,192 + ConvT 256->128 k5 819,200 + BN2d(128) 256
    //            + ConvT 128->64 k5 204,800 + BN2d(64) 128 + ConvT 64->1 k5 1,600 (no convolution has a bias).
    private const long GeneratorParameters = 262_144 + 8_192 + 819_200 + 256 + 204_800 + 128 + 1_600;

    // Discriminator: Conv 1->64 k5 1,600 + Conv 64->128 k5 204,800 + BN2d(128) 256 + Conv 128->256 k5 819,200
    //                + BN2d(256) 512 + Linear 4096->1 4,097 (with bias).
    private const long DiscriminatorParameters = 1_600 + 204_800 + 256 + 819_200 + 512 + 4_097;

    [SkippableFact]
    public void The_engine_builds_the_specs_generator_and_discriminator()
    {
        using var g = Engine.Trainer.CreateModel(DcganModels.Generator(), TrainingDevice.Cpu);
        using var d = Engine.Trainer.CreateModel(DcganModels.Discriminator(), TrainingDevice.Cpu);

        Assert.Equal(1_296_320, GeneratorParameters);
        Assert.Equal(GeneratorParameters, g.ParameterCount);
        Assert.Equal(1_030_465, DiscriminatorParameters);
        Assert.Equal(DiscriminatorParameters, d.ParameterCount);
        Assert.Equal(784, g.OutputSize);
        Assert.Equal(1, d.OutputSize);
        // "Same"-style padding: 4 -> 7 (padding 2, output_padding 0), 7 -> 14 and 14 -> 28 (padding 2, output_padding 1).
        var convT = g.Description.Layers.OfType<ConvTranspose2dLayer>().Select(l => (l.Padding, l.OutputPadding)).ToList();
        Assert.Equal([(2, 0), (2, 1), (2, 1)], convT);
        Assert.Equal(64 * 4 * 4 * 4, g.OutputSizeAt(4)); // after the reshape: 256 x 4 x 4
        Assert.Equal(256 * 4 * 4, d.OutputSizeAt(9)); // the flattened features before the linear layer
    }

    [SkippableFact]
    public void The_dcgan_preset_initialises_conv_weights_and_batch_norms_as_the_spec_says()
    {
        using var g = Engine.Trainer.CreateModel(DcganModels.Generator(), TrainingDevice.Cpu, seed: 5);
        string path = Path.Combine(Path.GetTempPath(), $"dcgan-g-{Guid.NewGuid():N}.pt");
        g.Save(path);
        try
        {
            PythonReference.Require(output, "torch");

            // Reads the checkpoint with PyTorch (a TorchScript-style archive) and prints mean/std per tensor.
            string stats = PythonReference.Run(
                """
                import sys, json, torch
                m = torch.jit.load(sys.argv[1])
                out = {}
                for name, p in m.named_parameters():
                    out[name] = [float(p.mean()), float(p.std()) if p.numel() > 1 else 0.0]
                print(json.dumps(out))
                """,
                path);
            output.WriteLine(stats);
            var byName = JsonSerializer.Deserialize<Dictionary<string, double[]>>(stats)!;
            // Layer 4 is the first ConvT (N(0, 0.02)), layer 5 its BN (weight N(1, 0.02), bias 0), layer 1 the BN1d.
            Assert.InRange(byName["4.weight"][0], -0.002, 0.002);
            Assert.InRange(byName["4.weight"][1], 0.018, 0.022);
            Assert.InRange(byName["5.weight"][0], 0.99, 1.01);
            Assert.InRange(byName["5.weight"][1], 0.012, 0.028);
            Assert.Equal(0, byName["5.bias"][0]);
            Assert.InRange(byName["1.weight"][0], 0.995, 1.005);
            // The linear layer keeps libtorch's default (uniform in +-1/sqrt(64)): std 1/sqrt(3 * 64) = 0.072.
            Assert.InRange(byName["0.weight"][1], 0.06, 0.085);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [SkippableFact]
    public void PyTorch_counts_the_same_parameters_for_the_same_modules()
    {
        PythonReference.Require(output, "torch");

        string counts = PythonReference.Run(
            """
            import torch.nn as nn
            G = nn.Sequential(nn.Linear(64, 4096, bias=False), nn.BatchNorm1d(4096), nn.ReLU(), nn.Unflatten(1, (256, 4, 4)),
                nn.ConvTranspose2d(256, 128, 5, 2, 2, 0, bias=False), nn.BatchNorm2d(128), nn.ReLU(),
                nn.ConvTranspose2d(128, 64, 5, 2, 2, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
                nn.ConvTranspose2d(64, 1, 5, 2, 2, 1, bias=False), nn.Tanh())
            D = nn.Sequential(nn.Conv2d(1, 64, 5, 2, 2, bias=False), nn.LeakyReLU(0.2),
                nn.Conv2d(64, 128, 5, 2, 2, bias=False), nn.BatchNorm2d(128), nn.LeakyReLU(0.2),
                nn.Conv2d(128, 256, 5, 2, 2, bias=False), nn.BatchNorm2d(256), nn.LeakyReLU(0.2),
                nn.Flatten(), nn.Linear(4096, 1), nn.Sigmoid())
            import torch
            assert G(torch.zeros(2, 64)).shape == (2, 1, 28, 28)
            print(sum(p.numel() for p in G.parameters()), sum(p.numel() for p in D.parameters()))
            """);
        output.WriteLine(counts);
        Assert.Equal($"{GeneratorParameters} {DiscriminatorParameters}", counts.Trim());
    }

    [SkippableFact]
    public void The_wgan_critic_has_layer_norms_and_no_sigmoid()
    {
        var critic = DcganModels.Discriminator(wgan: true);
        Assert.DoesNotContain(critic.Layers, l => l is SigmoidLayer or BatchNorm2dLayer);
        Assert.Equal([[128, 7, 7], [256, 4, 4]], critic.Layers.OfType<LayerNormLayer>().Select(l => l.NormalizedShape.ToArray()));
        using var model = Engine.Trainer.CreateModel(critic, TrainingDevice.Cpu);
        Assert.Equal(1, model.OutputSize);
    }
}
