using DigitForge.Application.Experiments.Gasten;
using DigitForge.Application.Training;
using DigitForge.Application.Training.Tasks;
using DigitForge.EngineTests.Tasks;

namespace DigitForge.EngineTests.Gasten;

/// <summary>The engine side of GASTeN: the binary classifier task and the gan task's MGDA weighting (specs/gasten.md §1-2).</summary>
public sealed class GastenTaskTests
{
    // Bar images (TaskData.Images): rows r with the bar left of the middle are "pos" (1.0).
    private static float[] Labels(int rows, int offset) => [.. Enumerable.Range(offset, rows).Select(r => 6 + (r % 16) < 14 ? 1f : 0f)];

    [Theory]
    [InlineData("cnn", 4, 40 + 296 + 393, 392)] // conv 1->4 k3, conv 4->8 k3, linear 7*7*8 -> 1; embedding 7*7*2nf
    [InlineData("cnn", 1, 10 + 20 + 99, 98)]
    [InlineData("mlp", 8, 6280 + 9, 8)]
    public void The_classifiers_under_test_have_the_specs_shapes(string type, int nf, long parameters, int embedding)
    {
        using var model = Engine.Trainer.CreateModel(GastenClassifierModels.Create(type, nf), TrainingDevice.Cpu);
        Assert.Equal(parameters, model.ParameterCount);
        Assert.Equal(1, model.OutputSize);
        Assert.Equal(embedding, model.OutputSizeAt(GastenClassifierModels.EmbeddingLayers(type)));
        Assert.All(model.Forward(TaskData.Images(4, seed: 1)), p => Assert.InRange(p, 0f, 1f));
    }

    [Fact]
    public async Task The_binary_classifier_keeps_its_best_validation_epoch_and_scores_the_test_set_with_it()
    {
        using var model = Engine.Trainer.CreateModel(GastenClassifierModels.Create("cnn", 2), TrainingDevice.Cpu, seed: 3);
        float[] validX = TaskData.Images(48, seed: 2);
        float[] validY = Labels(48, 0);
        var recorder = new Recorder();
        var request = new TrainingTaskRequest(
            "binary-classifier",
            [new TaskModel("model", model)],
            [
                TaskInput.Float32("train_x", TaskData.Images(160, seed: 1), 160, 1, 28, 28), TaskInput.Float32("train_y", Labels(160, 0), 160),
                TaskInput.Float32("valid_x", validX, 48, 1, 28, 28), TaskInput.Float32("valid_y", validY, 48),
                TaskInput.Float32("test_x", TaskData.Images(32, seed: 4), 32, 1, 28, 28), TaskInput.Float32("test_y", Labels(32, 0), 32),
            ],
            """{"epochs":12,"batch_size":16,"seed":5,"patience":2,"optimizer":{"type":"adam","learning_rate":0.01}}""");

        var report = await TaskData.Runner.RunAsync(request, recorder);

        var valid = recorder.Metrics.Where(m => m.Split == "valid" && m.Name == "loss").ToList();
        Assert.Equal(report.Epochs, valid.Count);
        long best = valid.MinBy(m => m.Value)!.Step;
        Assert.Equal(best, (long)recorder.Metrics.Single(m => m.Name == "best_epoch").Value);
        if (report.Epochs < 12)
        {
            Assert.Equal(best + 2, report.Epochs); // stopped after `patience` epochs without a lower validation loss
        }

        var test = recorder.Metrics.Where(m => m.Split == "test").ToDictionary(m => m.Name, m => m);
        Assert.Equal(best, test["acc"].Step);
        Assert.True(test["acc"].Value > 0.9, $"test accuracy {test["acc"].Value}");
        // The model now holds the best epoch's weights: its BCE on the validation set is that epoch's loss.
        float[] p = model.Forward(validX);
        double bce = -p.Select((v, i) => validY[i] == 1f ? Math.Max(Math.Log(v), -100) : Math.Max(Math.Log(1 - v), -100)).Average();
        Assert.Equal(valid.Single(m => m.Step == best).Value, bce, 4);
    }

    [Fact]
    public async Task Mgda_weights_the_two_generator_terms_by_min_norm_scales_and_leaves_the_classifier_frozen()
    {
        using var generator = Engine.Trainer.CreateModel(TaskData.SmallGenerator, TrainingDevice.Cpu, seed: 1);
        using var discriminator = Engine.Trainer.CreateModel(TaskData.SmallDiscriminator, TrainingDevice.Cpu, seed: 2);
        using var classifier = Engine.Trainer.CreateModel(GastenClassifierModels.Create("cnn", 1), TrainingDevice.Cpu, seed: 3);
        float[] probe = TaskData.Images(8, seed: 9);
        float[] before = classifier.Forward(probe);
        var recorder = new Recorder();
        var request = new TrainingTaskRequest(
            "gan",
            [new TaskModel("generator", generator), new TaskModel("discriminator", discriminator), new TaskModel("classifier", classifier, Frozen: true)],
            [TaskData.ImagesInput(64, seed: 3)],
            """{"epochs":2,"batch_size":32,"seed":5,"classifier_weight_mode":"mgda"}""");

        await TaskData.Runner.RunAsync(request, recorder);

        for (long epoch = 1; epoch <= 2; epoch++)
        {
            double s1 = recorder.Metrics.Single(m => m.Step == epoch && m.Name == "scale1").Value;
            double s2 = recorder.Metrics.Single(m => m.Step == epoch && m.Name == "scale2").Value;
            Assert.Equal(1, s1 + s2, 9);
            Assert.InRange(s1, 0.001 - 1e-12, 0.999 + 1e-12);
            Assert.Contains(recorder.Metrics, m => m.Step == epoch && m.Name == "g_conf_dist");
        }

        Assert.Equal(before, classifier.Forward(probe));
    }

    [Fact]
    public async Task Mgda_without_a_classifier_is_refused_naming_the_recipe_field()
    {
        using var generator = Engine.Trainer.CreateModel(TaskData.SmallGenerator, TrainingDevice.Cpu, seed: 1);
        using var discriminator = Engine.Trainer.CreateModel(TaskData.SmallDiscriminator, TrainingDevice.Cpu, seed: 2);
        var request = new TrainingTaskRequest(
            "gan",
            [new TaskModel("generator", generator), new TaskModel("discriminator", discriminator)],
            [TaskData.ImagesInput(64, seed: 3)],
            """{"epochs":1,"classifier_weight_mode":"mgda"}""");

        var ex = await Assert.ThrowsAsync<TrainingEngineException>(() => TaskData.Runner.RunAsync(request));
        Assert.Contains("recipe.classifier_weight_mode", ex.Message, StringComparison.Ordinal);
    }
}
