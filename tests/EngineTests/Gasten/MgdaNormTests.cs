using DigitForge.Application.Experiments.Gasten;
using DigitForge.Application.Training;
using DigitForge.Application.Training.Tasks;
using DigitForge.EngineTests.Tasks;

namespace DigitForge.EngineTests.Gasten;

/// <summary>
/// GASTeN's <c>mgda:norm</c> (specs/gasten.md §2): each term's generator gradient is divided by loss × its L2 norm before
/// the min-norm solution, so the scales differ from plain MGDA's on the same models, data and seed.
/// </summary>
public sealed class MgdaNormTests
{
    private static async Task<Recorder> Run(string mode)
    {
        using var generator = Engine.Trainer.CreateModel(TaskData.SmallGenerator, TrainingDevice.Cpu, seed: 1);
        using var discriminator = Engine.Trainer.CreateModel(TaskData.SmallDiscriminator, TrainingDevice.Cpu, seed: 2);
        using var classifier = Engine.Trainer.CreateModel(GastenClassifierModels.Create("cnn", 1), TrainingDevice.Cpu, seed: 3);
        var recorder = new Recorder();
        await TaskData.Runner.RunAsync(new TrainingTaskRequest(
            "gan",
            [new TaskModel("generator", generator), new TaskModel("discriminator", discriminator), new TaskModel("classifier", classifier, Frozen: true)],
            [TaskData.ImagesInput(64, seed: 3)],
            $$"""{"epochs":1,"batch_size":32,"seed":5,"classifier_weight_mode":"{{mode}}"}"""), recorder);
        return recorder;
    }

    [Fact]
    public async Task Normalised_gradients_give_other_min_norm_scales_that_still_sum_to_one()
    {
        var plain = await Run("mgda");
        var normalised = await Run("mgda:norm");
        double s1 = normalised.Metrics.Single(m => m.Name == "scale1").Value;
        double s2 = normalised.Metrics.Single(m => m.Name == "scale2").Value;
        Assert.Equal(1, s1 + s2, 9);
        Assert.InRange(s1, 0.001 - 1e-12, 0.999 + 1e-12);
        Assert.NotEqual(plain.Metrics.Single(m => m.Name == "scale1").Value, s1, 6);
        Assert.Equal(s1, (await Run("mgda:norm")).Metrics.Single(m => m.Name == "scale1").Value);
    }

    [Fact]
    public async Task An_unknown_weight_mode_names_the_recipe_field()
    {
        var ex = await Assert.ThrowsAsync<TrainingEngineException>(() => Run("mgda:l2"));
        Assert.Contains("recipe.classifier_weight_mode", ex.Message, StringComparison.Ordinal);
    }
}
