using DigitForge.Application.Experiments.Gan;
using DigitForge.Application.Training;
using DigitForge.Application.Training.Tasks;

namespace DigitForge.EngineTests.Tasks;

/// <summary>Bad tasks, roles, inputs and recipes fail with InvalidArgument and a message naming the field; never a crash.</summary>
public sealed class TaskBadInputTests
{
    private static readonly LabeledData Train = Engine.RandomData("train", 64, 40, 10, seed: 4);

    public static TheoryData<string, string, string> ClassifierCases => new()
    {
        // case, recipe, the field the message must name
        { "unknown recipe key", """{"steps":3,"colour":"red"}""", "recipe.colour" },
        { "no length", """{"batch_size":3}""", "steps and epochs" },
        { "bad optimiser", """{"steps":3,"optimizer":{"type":"lbfgs"}}""", "recipe.optimizer.type" },
        { "bad optimiser key", """{"steps":3,"optimizer":{"type":"adam","lr":0.1}}""", "recipe.optimizer.lr" },
        { "negative learning rate", """{"steps":3,"optimizer":{"learning_rate":-1}}""", "recipe.optimizer.learning_rate" },
        { "bad betas", """{"steps":3,"optimizer":{"betas":[0.5]}}""", "recipe.optimizer.betas" },
        { "old form, bad learning rate", """{"steps":3,"optimizer":"sgd","learning_rate":0}""", "recipe.learning_rate" },
        { "bad schedule", """{"steps":3,"schedule":"step"}""", "recipe.schedule.type" },
        { "missing checkpoint", """{"steps":3,"resume_from":"/nonexistent/step-0001"}""", "recipe.resume_from" },
        { "eval set without data", """{"steps":3,"eval_sets":["test"]}""", "recipe.eval_sets" },
        { "drop_last with steps", """{"steps":3,"drop_last":true}""", "recipe.drop_last" },
        { "not JSON", """{"steps":3""", "recipe" },
    };

    [Theory]
    [MemberData(nameof(ClassifierCases))]
    public async Task A_bad_classifier_recipe_names_the_field(string name, string recipe, string field)
    {
        using var model = Engine.Trainer.CreateModel(Mnist1DModels.Logistic, TrainingDevice.Cpu);
        await AssertInvalid(Classifier(model, recipe), field, name);
    }

    [Fact]
    public async Task Bad_roles_and_inputs_name_the_role_or_input()
    {
        using var model = Engine.Trainer.CreateModel(Mnist1DModels.Logistic, TrainingDevice.Cpu);
        using var other = Engine.Trainer.CreateModel(Mnist1DModels.Logistic, TrainingDevice.Cpu);
        var x = TaskInput.Float32("train_x", Train.Features.ToArray(), 64, 40);
        var y = TaskInput.Int64("train_y", Train.Labels.ToArray(), 64);
        const string recipe = """{"steps":3}""";

        await AssertInvalid(new("no-such-task", [new TaskModel("model", model)], [x, y], recipe), "task", "unknown task");
        await AssertInvalid(new("classifier", [], [x, y], recipe), "models.model", "missing role");
        await AssertInvalid(new("classifier", [new TaskModel("model", model, Frozen: true)], [x, y], recipe), "models.model", "frozen trained role");
        await AssertInvalid(new("classifier", [new TaskModel("model", model), new TaskModel("teacher", other, true)], [x, y], recipe), "models.teacher", "unknown role");
        await AssertInvalid(new("classifier", [new TaskModel("model", model)], [x], recipe), "inputs.train_y", "missing input");
        await AssertInvalid(new("classifier", [new TaskModel("model", model)], [x, y, TaskInput.Int64("extra", [1], 1)], recipe), "inputs.extra", "unused input");
        await AssertInvalid(new("classifier", [new TaskModel("model", model)], [TaskInput.Float32("train_x", new float[64 * 41], 64, 41), y], recipe), "inputs.train_x", "wrong width");
        await AssertInvalid(new("classifier", [new TaskModel("model", model)], [TaskInput.Int64("train_x", new long[64 * 40], 64, 40), y], recipe), "inputs.train_x", "wrong dtype");
        var nan = Train.Features.ToArray();
        nan[41] = float.NaN;
        await AssertInvalid(new("classifier", [new TaskModel("model", model)], [TaskInput.Float32("train_x", nan, 64, 40), y], recipe), "inputs.train_x", "NaN");
        await AssertInvalid(new("classifier", [new TaskModel("model", model)], [x, TaskInput.Int64("train_y", [.. Enumerable.Repeat(10L, 64)], 64)], recipe), "inputs.train_y", "label out of range");
        await AssertInvalid(new("classifier", [new TaskModel("model", model)], [x, TaskInput.Int64("train_y", new long[63], 63)], recipe), "inputs.train_y", "label count");

        // Shapes that do not describe their data are refused before the engine sees them.
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => TaskData.Runner.RunAsync(
            new("classifier", [new TaskModel("model", model)], [TaskInput.Float32("train_x", new float[10], 64, 40), y], recipe)));
        Assert.Contains("inputs.train_x", ex.Message, StringComparison.Ordinal);
        Assert.Single(model.Predict(Train.Features.Span[..40])); // nothing left busy
    }

    public static TheoryData<string, string, string> GanCases => new()
    {
        { "no epochs", """{"batch_size":16}""", "recipe.epochs" },
        { "bad loss", """{"epochs":1,"loss":"hinge"}""", "recipe.loss" },
        { "classifier weight without classifier", """{"epochs":1,"classifier_weight":5}""", "recipe.classifier_weight" },
        { "z_dim mismatch", """{"epochs":1,"z_dim":64}""", "recipe.z_dim" },
        { "no full batch", """{"epochs":1,"batch_size":100}""", "recipe.batch_size" },
        { "bad disc_iters", """{"epochs":1,"disc_iters":0}""", "recipe.disc_iters" },
        { "bad g_optimizer", """{"epochs":1,"g_optimizer":{"type":"adam","betas":[1.5,0.9]}}""", "recipe.g_optimizer.betas" },
    };

    [Theory]
    [MemberData(nameof(GanCases))]
    public async Task A_bad_gan_recipe_names_the_field(string name, string recipe, string field)
    {
        using var g = Engine.Trainer.CreateModel(TaskData.SmallGenerator, TrainingDevice.Cpu);
        using var d = Engine.Trainer.CreateModel(TaskData.SmallDiscriminator, TrainingDevice.Cpu);
        await AssertInvalid(new("gan", [new TaskModel("generator", g), new TaskModel("discriminator", d)], [TaskData.ImagesInput(32, 1)], recipe), field, name);
    }

    [Fact]
    public async Task Gan_models_that_do_not_fit_together_name_the_role()
    {
        using var g = Engine.Trainer.CreateModel(TaskData.SmallGenerator, TrainingDevice.Cpu);
        using var d = Engine.Trainer.CreateModel(TaskData.SmallDiscriminator, TrainingDevice.Cpu);
        using var wide = Engine.Trainer.CreateModel(DcganModels.Generator(zDim: 8, filterDim: 4, size: 32), TrainingDevice.Cpu);
        using var classifier = Engine.Trainer.CreateModel(Mnist1DModels.Logistic, TrainingDevice.Cpu);
        var images = TaskData.ImagesInput(32, 1);
        const string recipe = """{"epochs":1,"batch_size":16}""";

        await AssertInvalid(new("gan", [new TaskModel("generator", wide), new TaskModel("discriminator", d)], [images], recipe), "models.generator", "image size");
        await AssertInvalid(new("gan", [new TaskModel("generator", g)], [images], recipe), "models.discriminator", "no discriminator");
        await AssertInvalid(new("gan", [new TaskModel("generator", g), new TaskModel("discriminator", d), new TaskModel("classifier", classifier)], [images], recipe), "models.classifier", "classifier not frozen");
        await AssertInvalid(new("gan", [new TaskModel("generator", g), new TaskModel("discriminator", d), new TaskModel("classifier", classifier, true)], [images], recipe), "models.classifier", "classifier input");
        await AssertInvalid(new("gan", [new TaskModel("generator", g), new TaskModel("discriminator", d)], [images, TaskInput.Float32("fixed_noise", new float[12], 3, 4)], recipe), "inputs.fixed_noise", "noise width");
        await AssertInvalid(new("gan", [new TaskModel("generator", g), new TaskModel("discriminator", g)], [images], recipe), "models.discriminator", "same handle twice");
    }

    private static TrainingTaskRequest Classifier(ITrainableModel model, string recipe) => new(
        "classifier",
        [new TaskModel("model", model)],
        [TaskInput.Float32("train_x", Train.Features.ToArray(), 64, 40), TaskInput.Int64("train_y", Train.Labels.ToArray(), 64)],
        recipe);

    private static async Task AssertInvalid(TrainingTaskRequest request, string field, string because)
    {
        var ex = await Assert.ThrowsAsync<TrainingEngineException>(() => TaskData.Runner.RunAsync(request));
        Assert.True(ex.Kind == EngineErrorKind.InvalidArgument, $"{because}: {ex.Kind} {ex.Message}");
        Assert.True(ex.Message.Contains(field, StringComparison.Ordinal), $"{because}: \"{ex.Message}\" does not name {field}");
    }
}
