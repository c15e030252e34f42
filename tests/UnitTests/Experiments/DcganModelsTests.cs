using DigitForge.Application.Experiments.Gan;
using DigitForge.Application.Training;
using DigitForge.Application.Training.Layers;

namespace DigitForge.UnitTests.Experiments;

/// <summary>The DCGAN descriptions against specs/gasten.md §2.</summary>
public sealed class DcganModelsTests
{
    [Fact]
    public void The_mnist_generator_and_discriminator_have_the_reference_parameter_counts()
    {
        var generator = DcganModels.Generator(zDim: 64, filterDim: 64, channels: 1, size: 28);
        var discriminator = DcganModels.Discriminator(filterDim: 64, channels: 1, size: 28);

        // G: Linear 64x4096 (no bias) + BN1d(4096) + ConvT 256x128x5x5 + BN(128) + ConvT 128x64x5x5 + BN(64) + ConvT 64x1x5x5.
        Assert.Equal(262_144 + 8_192 + 819_200 + 256 + 204_800 + 128 + 1_600, DcganModels.ParameterCount(generator));
        Assert.Equal(1_296_320, DcganModels.ParameterCount(generator));
        // D: Conv 1x64x5x5 + Conv 64x128x5x5 + BN(128) + Conv 128x256x5x5 + BN(256) + Linear 4096x1 + bias.
        Assert.Equal(1_030_465, DcganModels.ParameterCount(discriminator));
    }

    [Fact]
    public void The_generator_upsamples_4_7_14_28_with_same_style_padding_and_no_conv_bias()
    {
        var generator = DcganModels.Generator(64, 64, 1, 28);
        Assert.Equal([64], generator.InputShape);
        Assert.Equal("dcgan", generator.Init);
        var convs = generator.Layers.OfType<ConvTranspose2dLayer>().ToList();
        Assert.Equal(
            [new ConvTranspose2dLayer(256, 128, 5, 2, 2, 0, Bias: false), new ConvTranspose2dLayer(128, 64, 5, 2, 2, 1, Bias: false), new ConvTranspose2dLayer(64, 1, 5, 2, 2, 1, Bias: false)],
            convs);
        Assert.Equal(new ReshapeLayer([256, 4, 4]), generator.Layers[3], new ReshapeComparer());
        Assert.IsType<TanhLayer>(generator.Layers[^1]);
        int size = 4;
        foreach (var c in convs)
        {
            size = ((size - 1) * c.Stride) - (2 * c.Padding) + c.KernelSize + c.OutputPadding;
        }

        Assert.Equal(28, size);
    }

    [Fact]
    public void The_discriminator_downsamples_with_batch_norm_from_the_second_block_and_ends_in_a_sigmoid()
    {
        var d = DcganModels.Discriminator(64, 1, 28);
        Assert.Equal([1, 28, 28], d.InputShape);
        Assert.Equal(2, d.Layers.OfType<BatchNorm2dLayer>().Count());
        Assert.All(d.Layers.OfType<Conv2dLayer>(), c => Assert.False(c.Bias));
        Assert.Equal(new LinearLayer(4096, 1), d.Layers[^2]);
        Assert.IsType<SigmoidLayer>(d.Layers[^1]);
        Assert.All(d.Layers.OfType<LeakyReluLayer>(), l => Assert.Equal(0.2, l.NegativeSlope));
    }

    [Fact]
    public void The_wgan_critic_has_layer_norm_and_no_sigmoid()
    {
        var critic = DcganModels.Discriminator(64, 1, 28, wgan: true);
        Assert.Empty(critic.Layers.OfType<BatchNorm2dLayer>());
        Assert.Equal([128, 7, 7], critic.Layers.OfType<LayerNormLayer>().First().NormalizedShape);
        Assert.IsType<LinearLayer>(critic.Layers[^1]);
        string json = ModelJson.Serialize(critic);
        Assert.Contains("\"type\":\"layer_norm\",\"normalized_shape\":[128,7,7]", json, StringComparison.Ordinal);
        Assert.Contains("\"init\":\"dcgan\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(28, new[] { 28, 14, 7, 4 })]
    [InlineData(32, new[] { 32, 16, 8, 4 })]
    public void Sizes_halve_rounding_up_and_any_square_size_builds(int size, int[] expected)
    {
        Assert.Equal(expected, DcganModels.Sizes(size, 3));
        var g = DcganModels.Generator(16, 8, 3, size);
        Assert.Equal(3, g.Layers.OfType<ConvTranspose2dLayer>().Last().OutChannels);
        Assert.Throws<ArgumentOutOfRangeException>(() => DcganModels.Generator(16, 8, 1, 7));
    }

    [Fact]
    public void Descriptions_round_trip_through_the_engine_json()
    {
        var g = DcganModels.Generator(64, 64, 1, 28);
        var back = ModelJson.Deserialize(ModelJson.Serialize(g));
        Assert.Equal(DcganModels.ParameterCount(g), DcganModels.ParameterCount(back));
        Assert.Equal("dcgan", back.Init);
        Assert.DoesNotContain("\"init\"", ModelJson.Serialize(new ModelDescription([4], [new LinearLayer(4, 2)])), StringComparison.Ordinal);
    }

    private sealed class ReshapeComparer : IEqualityComparer<LayerDescription>
    {
        public bool Equals(LayerDescription? x, LayerDescription? y) =>
            x is ReshapeLayer a && y is ReshapeLayer b && a.Shape.SequenceEqual(b.Shape);

        public int GetHashCode(LayerDescription obj) => 0;
    }
}
