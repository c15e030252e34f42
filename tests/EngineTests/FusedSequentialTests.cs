using DigitForge.Application.Training;

namespace DigitForge.EngineTests;

/// <summary>
/// The hand-written CPU path (native/src/fused_sequential.cpp) trains the models it covers as libtorch's autograd
/// does: same weights after the same steps, to rounding.
/// </summary>
public sealed class FusedSequentialTests
{
    public static TheoryData<string, int, string> CoveredModels => new()
    {
        { "logistic", 12, """{"input_shape":[12],"layers":[{"type":"linear","in_features":12,"out_features":4}]}""" },
        {
            "mlp with a residual block",
            12,
            """
            {"input_shape":[12],"layers":[
              {"type":"linear","in_features":12,"out_features":20},{"type":"relu"},
              {"type":"residual","layers":[{"type":"linear","in_features":20,"out_features":20},{"type":"relu"}]},
              {"type":"linear","in_features":20,"out_features":4}]}
            """
        },
        {
            "cnn (channels-last conv1d stack, flatten)",
            12,
            """
            {"input_shape":[12],"layers":[
              {"type":"unsqueeze","dim":0},
              {"type":"conv1d","in_channels":1,"out_channels":6,"kernel_size":5,"stride":2,"padding":1},{"type":"relu"},
              {"type":"conv1d","in_channels":6,"out_channels":5,"kernel_size":3,"stride":2,"padding":1},{"type":"relu"},
              {"type":"flatten"},
              {"type":"linear","in_features":15,"out_features":4}]}
            """
        },
        {
            "other activations, dilation, no bias, reshape, residual conv",
            24,
            """
            {"input_shape":[2,12],"layers":[
              {"type":"conv1d","in_channels":2,"out_channels":3,"kernel_size":3,"dilation":2,"padding":2,"bias":false},
              {"type":"leaky_relu","negative_slope":0.1},
              {"type":"residual","layers":[{"type":"conv1d","in_channels":3,"out_channels":3,"kernel_size":3,"padding":1},{"type":"tanh"}]},
              {"type":"reshape","shape":[-1]},
              {"type":"linear","in_features":36,"out_features":8,"bias":false},{"type":"sigmoid"},
              {"type":"reshape","shape":[2,4]},
              {"type":"flatten"},
              {"type":"linear","in_features":8,"out_features":4}]}
            """
        },
        {
            "dtn-style conv2d / batch-norm stack, dropout 0",
            144,
            """
            {"input_shape":[1,12,12],"layers":[
              {"type":"conv2d","in_channels":1,"out_channels":6,"kernel_size":5,"stride":2,"padding":2},
              {"type":"batch_norm2d","num_features":6},{"type":"relu"},{"type":"dropout","p":0},
              {"type":"conv2d","in_channels":6,"out_channels":8,"kernel_size":5,"stride":2,"padding":2},
              {"type":"batch_norm2d","num_features":8},{"type":"relu"},{"type":"dropout","p":0},
              {"type":"flatten"},
              {"type":"linear","in_features":72,"out_features":16},{"type":"batch_norm1d","num_features":16},{"type":"relu"},
              {"type":"dropout","p":0},
              {"type":"linear","in_features":16,"out_features":4}]}
            """
        },
        {
            "residual conv2d module, no bias, dilation, batch norm without a layer to fold into",
            48,
            """
            {"input_shape":[3,4,4],"layers":[
              {"type":"residual","layers":[
                {"type":"conv2d","in_channels":3,"out_channels":3,"kernel_size":3,"padding":1},
                {"type":"batch_norm2d","num_features":3,"momentum":0.3},{"type":"relu"}]},
              {"type":"conv2d","in_channels":3,"out_channels":5,"kernel_size":3,"padding":2,"dilation":2,"bias":false},
              {"type":"tanh"},{"type":"batch_norm2d","num_features":5,"eps":0.001},
              {"type":"flatten"},
              {"type":"linear","in_features":80,"out_features":4}]}
            """
        },
        {
            "one-channel 3x3 conv2d straight from the padded image (20 channels: a masked second block of 16)",
            36,
            """
            {"input_shape":[1,6,6],"layers":[
              {"type":"conv2d","in_channels":1,"out_channels":20,"kernel_size":3,"padding":1},{"type":"relu"},
              {"type":"flatten"},
              {"type":"linear","in_features":720,"out_features":4}]}
            """
        },
    };

    [Theory]
    [MemberData(nameof(CoveredModels))]
    public async Task The_fused_path_trains_a_covered_model_as_autograd_does(string name, int width, string description)
    {
        var train = Engine.RandomData("train", 64, width, 4, seed: 5);
        using var fused = Engine.Trainer.CreateModel(description, TrainingDevice.Cpu, seed: 7);
        using var reference = Engine.Trainer.CreateModel(description, TrainingDevice.Cpu, seed: 7);

        // Plain SGD turns any gradient difference straight into a weight difference; shuffled batches of a size that
        // does not divide the rows exercise the gather and a short last batch.
        var recipe = new ClassifierRecipe
        {
            Optimizer = OptimizerKind.Sgd, LearningRate = 0.2, Steps = 40, BatchSize = 24, EvalEvery = 10, BatchOrder = BatchOrder.Shuffled,
        };
        var fusedReport = await fused.TrainClassifierAsync(recipe, train, [train]);
        var referenceReport = await reference.TrainClassifierAsync(recipe with { Implementation = TrainingImplementation.Torch }, train, [train]);

        Assert.True(fusedReport.Fused, $"{name}: the fused path ran");
        Assert.False(referenceReport.Fused, $"{name}: the reference ran on autograd");
        AssertClose(reference.Forward(train.Features.Span), fused.Forward(train.Features.Span), 1e-4f);
        Assert.Equal(referenceReport.Metrics.Count, fusedReport.Metrics.Count);
        for (int i = 0; i < referenceReport.Metrics.Count; i++)
        {
            var expected = referenceReport.Metrics[i];
            var actual = fusedReport.Metrics[i];
            Assert.Equal((expected.Step, expected.Split), (actual.Step, actual.Split));
            Assert.Equal(expected.Loss, actual.Loss, 4);
            Assert.Equal(expected.Accuracy, actual.Accuracy, 6);
        }

        Assert.True(referenceReport.Final("train")!.Loss < Math.Log(4), $"{name}: learnt something");
    }

    [Fact]
    public async Task A_wide_conv2d_gets_autograds_gradients_through_every_gemm_tile_shape()
    {
        // 70 output channels (a masked column tail after a full 64-column block), 300 taps per position (reduction
        // chunks past 256), 4,000 positions per batch: every tile shape of the AVX-512 kernel, forward and backward,
        // and a batch whose columns are rebuilt in the backward pass (1.2 M floats, over the 1 M kept), in sub-blocks.
        // Three updates only: this wide a model turns rounding into visibly different weights over many.
        const string description = """
            {"input_shape":[12,5,5],"layers":[
              {"type":"conv2d","in_channels":12,"out_channels":70,"kernel_size":5,"padding":2},
              {"type":"batch_norm2d","num_features":70},{"type":"relu"},
              {"type":"conv2d","in_channels":70,"out_channels":9,"kernel_size":3,"stride":2},
              {"type":"flatten"},
              {"type":"linear","in_features":36,"out_features":4}]}
            """;
        var train = Engine.RandomData("train", 160, 300, 4, seed: 5);
        using var fused = Engine.Trainer.CreateModel(description, TrainingDevice.Cpu, seed: 7);
        using var reference = Engine.Trainer.CreateModel(description, TrainingDevice.Cpu, seed: 7);
        var recipe = new ClassifierRecipe { Optimizer = OptimizerKind.Sgd, LearningRate = 0.05, Steps = 2, BatchSize = 160 };

        var fusedReport = await fused.TrainClassifierAsync(recipe, train, [train]);
        await reference.TrainClassifierAsync(recipe with { Implementation = TrainingImplementation.Torch }, train, [train]);

        Assert.True(fusedReport.Fused);
        AssertClose(reference.Forward(train.Features.Span), fused.Forward(train.Features.Span), 1e-4f);
    }

    [Fact]
    public async Task Adam_on_the_fused_path_follows_autograd_on_the_mnist1d_mlp()
    {
        var description = ModelJson.Serialize(Mnist1DModels.Mlp);
        var train = Engine.RandomData("train", 300, 40, 10, seed: 11);
        using var fused = Engine.Trainer.CreateModel(description, TrainingDevice.Cpu, seed: 42);
        using var reference = Engine.Trainer.CreateModel(description, TrainingDevice.Cpu, seed: 42);
        var recipe = new ClassifierRecipe { Steps = 60, EvalEvery = 0 };

        var fusedReport = await fused.TrainClassifierAsync(recipe, train, [train]);
        await reference.TrainClassifierAsync(recipe with { Implementation = TrainingImplementation.Torch }, train, [train]);

        Assert.True(fusedReport.Fused);
        AssertClose(reference.Forward(train.Features.Span), fused.Forward(train.Features.Span), 1e-3f);
    }

    [Fact]
    public async Task The_compositional_dtn_trains_fused_with_dropout_reproducibly_and_as_well_as_autograd()
    {
        // The kind's own backbone (dropout .1/.3/.5/.5 and .5): the fused dropout draws its masks from its own hash of
        // a seed taken from the task's generator, so the two paths drop different units and only their learning compares.
        var description = ModelJson.Serialize(DigitForge.Application.Experiments.Compositional.CompositionalModels.Backbone(12, 4, 1.0 / 16));
        var train = Engine.RandomData("train", 256, 144, 4, seed: 3);
        var recipe = new ClassifierRecipe
        {
            Optimizer = OptimizerKind.Sgd, LearningRate = 0.05, Momentum = 0.9, Epochs = 12, BatchSize = 32, BatchOrder = BatchOrder.Shuffled, EvalEvery = 0, Seed = 9,
        };
        using var fused = Engine.Trainer.CreateModel(description, TrainingDevice.Cpu, seed: 7);
        using var again = Engine.Trainer.CreateModel(description, TrainingDevice.Cpu, seed: 7);
        using var reseeded = Engine.Trainer.CreateModel(description, TrainingDevice.Cpu, seed: 7);
        using var reference = Engine.Trainer.CreateModel(description, TrainingDevice.Cpu, seed: 7);

        var fusedReport = await fused.TrainClassifierAsync(recipe, train, [train]);
        await again.TrainClassifierAsync(recipe, train, [train]);
        await reseeded.TrainClassifierAsync(recipe with { Seed = 10 }, train, [train]);
        var referenceReport = await reference.TrainClassifierAsync(recipe with { Implementation = TrainingImplementation.Torch }, train, [train]);

        Assert.True(fusedReport.Fused);
        Assert.False(referenceReport.Fused);
        var weights = fused.Forward(train.Features.Span);
        Assert.Equal(weights, again.Forward(train.Features.Span));
        Assert.NotEqual(weights, reseeded.Forward(train.Features.Span));
        double start = Math.Log(4);
        double fusedLoss = fusedReport.Final("train")!.Loss, referenceLoss = referenceReport.Final("train")!.Loss;
        Assert.True(fusedLoss < 0.9 * start, $"fused: train loss {fusedLoss}");
        Assert.True(referenceLoss < 0.9 * start, $"autograd: train loss {referenceLoss}");
        Assert.True(Math.Abs(fusedLoss - referenceLoss) < 0.25 * start, $"fused {fusedLoss} vs autograd {referenceLoss}");
    }

    [Fact]
    public async Task A_model_with_a_layer_it_does_not_cover_trains_on_autograd()
    {
        const string description = """
            {"input_shape":[12],"layers":[
              {"type":"linear","in_features":12,"out_features":16},{"type":"layer_norm","normalized_shape":[16]},{"type":"relu"},
              {"type":"linear","in_features":16,"out_features":4}]}
            """;
        var train = Engine.RandomData("train", 64, 12, 4, seed: 5);
        using var model = Engine.Trainer.CreateModel(description, TrainingDevice.Cpu, seed: 7);

        var report = await model.TrainClassifierAsync(new ClassifierRecipe { Steps = 20, BatchSize = 16 }, train, [train]);

        Assert.False(report.Fused);
        Assert.Equal(21, report.Updates);
    }

    private static void AssertClose(float[] expected, float[] actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1 + Math.Abs(expected[i])), $"[{i}]: {expected[i]} vs {actual[i]}");
        }
    }
}
