using DigitForge.Application.Training;
using DigitForge.Application.Training.Layers;
using DigitForge.TestSupport;

namespace DigitForge.EngineTests;

/// <summary>Bad descriptions and data end in an exception carrying the engine's (libtorch's) message, never a crash.</summary>
public sealed class BadInputTests
{
    private static readonly ClassifierRecipe Short = new() { Steps = 5, EvalEvery = 0 };

    private static TrainingEngineException EngineError(Action action, EngineErrorKind kind, string messagePart)
    {
        var ex = Assert.ThrowsAny<TrainingEngineException>(action);
        Assert.Equal(kind, ex.Kind);
        Assert.Contains(messagePart, ex.Message, StringComparison.Ordinal);
        return ex;
    }

    private static async Task<TrainingEngineException> EngineErrorAsync(Func<Task> action, EngineErrorKind kind, string messagePart)
    {
        var ex = await Assert.ThrowsAnyAsync<TrainingEngineException>(action);
        Assert.Equal(kind, ex.Kind);
        Assert.Contains(messagePart, ex.Message, StringComparison.Ordinal);
        return ex;
    }

    [Fact]
    public void Layers_that_do_not_fit_together_give_libtorchs_shape_error_naming_the_layer()
    {
        var description = new ModelDescription([40], [new LinearLayer(40, 20), new ReluLayer(), new LinearLayer(21, 10)]);
        var ex = EngineError(() => Engine.Trainer.CreateModel(description, TrainingDevice.Cpu), EngineErrorKind.Torch, "layers[2] (linear)");
        Assert.Contains("mat1 and mat2 shapes cannot be multiplied", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("frame #", ex.Message, StringComparison.Ordinal); // no C++ backtrace
    }

    [Fact]
    public void A_residual_body_must_keep_the_shape()
    {
        var description = new ModelDescription([40], [new ResidualLayer([new LinearLayer(40, 20)]), new LinearLayer(20, 10)]);
        EngineError(() => Engine.Trainer.CreateModel(description, TrainingDevice.Cpu), EngineErrorKind.Torch, "must keep the shape");
    }

    [Theory]
    [InlineData("""{"input_shape":[40],"layers":[{"type":"lstm","hidden_size":6}]}""", "layers[0] (lstm): unknown layer type")]
    [InlineData("""{"input_shape":[40],"layers":[{"type":"linear","in_features":40,"out_features":10,"bais":false}]}""", "layers[0].bais: unknown setting")]
    [InlineData("""{"input_shape":[40],"layers":[{"type":"linear","in_features":40}]}""", "layers[0].out_features: required")]
    [InlineData("""{"input_shape":[40],"layers":[{"type":"linear","in_features":40,"out_features":-3}]}""", "layers[0].out_features: -3 is out of range")]
    [InlineData("""{"input_shape":[40],"layers":[{"type":"linear","in_features":40,"out_features":2.5}]}""", "expected an integer")]
    [InlineData("""{"input_shape":[40],"layers":[]}""", "layers: expected a non-empty array")]
    [InlineData("""{"input_shape":[40],"layers":[{"type":"relu"}""", "invalid JSON at offset")]
    [InlineData("""{"layers":[{"type":"relu"}]}""", "input_shape: required")]
    public void Bad_descriptions_are_rejected_by_the_engine_with_the_field(string json, string message)
    {
        EngineError(() => Engine.Trainer.CreateModel(json, TrainingDevice.Cpu), EngineErrorKind.InvalidArgument, message);
    }

    [Fact]
    public async Task NaN_features_are_refused_with_the_row()
    {
        using var model = Engine.Trainer.CreateModel(Mnist1DModels.Logistic, TrainingDevice.Cpu);
        var train = Engine.RandomData("train", 100, 40, 10, seed: 1);
        float[] features = train.Features.ToArray();
        features[(7 * 40) + 3] = float.NaN;
        await EngineErrorAsync(
            () => model.TrainClassifierAsync(Short, train with { Features = features }, []),
            EngineErrorKind.InvalidArgument,
            "train_x: row 7 contains NaN or infinite values");

        var test = Engine.RandomData("test", 10, 40, 10, seed: 2);
        float[] testFeatures = test.Features.ToArray();
        testFeatures[0] = float.PositiveInfinity;
        await EngineErrorAsync(
            () => model.TrainClassifierAsync(Short, train, [test with { Features = testFeatures }]),
            EngineErrorKind.InvalidArgument,
            "test_x: row 0 contains NaN");
    }

    [Fact]
    public async Task Labels_outside_the_models_classes_are_refused()
    {
        using var model = Engine.Trainer.CreateModel(Mnist1DModels.Logistic, TrainingDevice.Cpu);
        var train = Engine.RandomData("train", 100, 40, 10, seed: 1);
        long[] labels = train.Labels.ToArray();
        labels[42] = 10;
        await EngineErrorAsync(
            () => model.TrainClassifierAsync(Short, train with { Labels = labels }, []),
            EngineErrorKind.InvalidArgument,
            "train_y: label 10 at row 42 is outside 0..9");
    }

    [Fact]
    public async Task Features_that_are_not_whole_rows_and_clashing_eval_names_are_argument_errors()
    {
        using var model = Engine.Trainer.CreateModel(Mnist1DModels.Logistic, TrainingDevice.Cpu);
        var train = Engine.RandomData("train", 100, 40, 10, seed: 1);
        await Assert.ThrowsAsync<ArgumentException>(() => model.TrainClassifierAsync(Short, train with { Features = train.Features[..3999] }, []));
        await Assert.ThrowsAsync<ArgumentException>(() => model.TrainClassifierAsync(Short, train, [train, train]));
        await Assert.ThrowsAsync<ArgumentException>(() => model.TrainClassifierAsync(Short, train, [train with { Name = "batch" }]));
        Assert.Throws<ArgumentException>(() => model.Forward(new float[41]));
    }

    [Fact]
    public async Task The_engine_checks_the_recipe_too()
    {
        using var model = Engine.Trainer.CreateModel(Mnist1DModels.Logistic, TrainingDevice.Cpu);
        var train = Engine.RandomData("train", 100, 40, 10, seed: 1);
        await EngineErrorAsync(
            () => model.TrainClassifierAsync(Short with { BatchSize = 0 }, train, []),
            EngineErrorKind.InvalidArgument,
            "recipe.batch_size: 0 is out of range");
    }

    [Theory]
    [InlineData(TrainingImplementation.Auto)]
    [InlineData(TrainingImplementation.Torch)]
    public async Task A_diverging_run_stops_with_an_error(TrainingImplementation implementation)
    {
        using var model = Engine.Trainer.CreateModel(Mnist1DModels.Logistic, TrainingDevice.Cpu);
        var train = Engine.RandomData("train", 100, 40, 10, seed: 1);
        float[] huge = train.Features.ToArray().Select(v => v * 1e30f).ToArray();
        var recipe = new ClassifierRecipe { Optimizer = OptimizerKind.Sgd, LearningRate = 1000, Steps = 200, EvalEvery = 0, ReportEvery = 1, Implementation = implementation };
        await EngineErrorAsync(() => model.TrainClassifierAsync(recipe, train with { Features = huge }, []), EngineErrorKind.Diverged, "training diverged");
    }

    [Fact]
    public void Missing_and_corrupt_checkpoints_are_io_errors()
    {
        using var directory = new TempDirectory();
        EngineError(() => Engine.Trainer.LoadModel(directory.File("missing.pt"), TrainingDevice.Cpu), EngineErrorKind.Io, "cannot read the checkpoint");
        File.WriteAllText(directory.File("corrupt.pt"), "not a checkpoint");
        EngineError(() => Engine.Trainer.LoadModel(directory.File("corrupt.pt"), TrainingDevice.Cpu), EngineErrorKind.Io, "corrupt.pt");

        using var model = Engine.Trainer.CreateModel(Mnist1DModels.Logistic, TrainingDevice.Cpu);
        EngineError(() => model.Save(directory.File("no/such/folder/model.pt")), EngineErrorKind.Io, "cannot write the checkpoint");
    }

    [Fact]
    public void Asking_for_CUDA_without_a_device_says_so()
    {
        if (Engine.Trainer.Describe().CudaAvailable)
        {
            using var model = Engine.Trainer.CreateModel(Mnist1DModels.Logistic, TrainingDevice.Cuda);
            Assert.Equal(TrainingDevice.Cuda, model.Device);
            return;
        }

        EngineError(() => Engine.Trainer.CreateModel(Mnist1DModels.Logistic, TrainingDevice.Cuda), EngineErrorKind.DeviceUnavailable, "CUDA was requested");
        using var auto = Engine.Trainer.CreateModel(Mnist1DModels.Logistic, TrainingDevice.Auto);
        Assert.Equal(TrainingDevice.Cpu, auto.Device);
    }

    [Fact]
    public async Task After_all_that_the_engine_still_trains()
    {
        Assert.ThrowsAny<TrainingEngineException>(() => Engine.Trainer.CreateModel("{", TrainingDevice.Cpu));
        using var model = Engine.Trainer.CreateModel(Mnist1DModels.Logistic, TrainingDevice.Cpu);
        var train = Engine.RandomData("train", 100, 40, 10, seed: 1);
        var report = await model.TrainClassifierAsync(Short, train, [train]);
        Assert.Equal(6, report.Updates);
    }
}
