using DigitForge.Application.Common;
using DigitForge.Application.Mnist1D.GenerateMnist1D;
using DigitForge.Domain.Mnist1D;

namespace DigitForge.UnitTests.Mnist1D;

public class Mnist1DInputParserTests
{
    [Fact]
    public void Blank_input_is_the_published_dataset_request()
    {
        var request = Mnist1DInputParser.Parse(new Mnist1DTextInput { NumSamples = " ", Padding = "" });

        Assert.Equal(GenerateMnist1DRequest.Default, request);
    }

    [Fact]
    public void Every_argument_is_parsed_from_invariant_text()
    {
        var request = Mnist1DInputParser.Parse(new Mnist1DTextInput
        {
            NumSamples = "1234",
            TrainSplit = "0.7",
            TemplateLength = "13",
            Padding = "3,7",
            ScaleCoefficient = "-1.5e-1",
            MaxTranslation = "20",
            CorrelatedNoiseScale = "0.1",
            IidNoiseScale = "0",
            ShearScale = "1",
            ShuffleSequence = "True",
            FinalSequenceLength = "25",
            Seed = "4294967295",
            Mode = "KEYED",
        });

        Assert.Equal(Mnist1DMode.Keyed, request.Mode);
        Assert.Equal(
            Mnist1DArguments.Default with
            {
                NumSamples = 1234, TrainSplit = 0.7, TemplateLength = 13, Padding = new(3, 7), ScaleCoefficient = -0.15, MaxTranslation = 20,
                CorrelatedNoiseScale = 0.1, IidNoiseScale = 0, ShearScale = 1, ShuffleSequence = true, FinalSequenceLength = 25, Seed = uint.MaxValue,
            },
            request.Arguments);
    }

    [Theory]
    [InlineData("36,60", 36, 60)]
    [InlineData("[36, 60]", 36, 60)]
    [InlineData(" (1,2) ", 1, 2)]
    [InlineData("40", 40, 40)]
    public void Padding_takes_a_pair_the_references_list_literal_or_one_value(string text, int min, int max)
    {
        var request = Mnist1DInputParser.Parse(new Mnist1DTextInput { Padding = text });

        Assert.Equal(new Mnist1DPadding(min, max), request.Arguments.Padding);
    }

    [Fact]
    public void A_padding_whose_minimum_exceeds_its_maximum_is_refused_by_the_binder_under_padding()
    {
        // The one binder checks a range's order for every surface (it was the handler's rule for this parser alone).
        var ex = Assert.Throws<RequestValidationException>(() => Mnist1DInputParser.Parse(new Mnist1DTextInput { Padding = "9,2" }));

        Assert.Equal("padding", Assert.Single(ex.Errors).Field);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("False", false)]
    [InlineData("1", true)]
    [InlineData("no", false)]
    public void Shuffle_seq_takes_common_spellings_of_booleans(string text, bool expected)
    {
        Assert.Equal(expected, Mnist1DInputParser.Parse(new Mnist1DTextInput { ShuffleSequence = text }).Arguments.ShuffleSequence);
    }

    [Fact]
    public void Every_unparsable_value_is_reported_under_the_references_name()
    {
        var ex = Assert.Throws<RequestValidationException>(() => Mnist1DInputParser.Parse(new Mnist1DTextInput
        {
            NumSamples = "5k",
            TrainSplit = "half",
            TemplateLength = "1.5",
            Padding = "1,2,3",
            ScaleCoefficient = "x",
            MaxTranslation = "y",
            CorrelatedNoiseScale = "z",
            IidNoiseScale = "0,02",
            ShearScale = "-",
            ShuffleSequence = "maybe",
            FinalSequenceLength = "forty",
            Seed = "0x2a",
            Mode = "fast",
        }));

        Assert.Equal(
            [
                "num_samples", "train_split", "template_len", "padding", "scale_coeff", "max_translation", "corr_noise_scale",
                "iid_noise_scale", "shear_scale", "shuffle_seq", "final_seq_length", "seed", "mode",
            ],
            ex.Errors.Select(e => e.Field));
    }
}
