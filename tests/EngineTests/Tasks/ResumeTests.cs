using DigitForge.Application.Training;
using DigitForge.Application.Training.Tasks;

namespace DigitForge.EngineTests.Tasks;

/// <summary>A checkpoint saved mid-run and resumed gives the weights of the uninterrupted run (same seed), bit for bit.</summary>
public sealed class ResumeTests
{
    private const string FusedMlp = """
        {"input_shape":[40],"layers":[{"type":"linear","in_features":40,"out_features":32},{"type":"relu"},{"type":"linear","in_features":32,"out_features":10}]}
        """;

    // Dropout keeps it off the hand-written path (libtorch autograd) and draws from the task's generator (checkpointed).
    private const string TorchMlpWithDropout = """
        {"input_shape":[40],"layers":[{"type":"linear","in_features":40,"out_features":32},{"type":"relu"},{"type":"dropout","p":0.3},{"type":"linear","in_features":32,"out_features":10}]}
        """;

    [Theory]
    [InlineData(FusedMlp, "adam")]
    [InlineData(TorchMlpWithDropout, "sgd")]
    public async Task A_resumed_classifier_ends_where_the_uninterrupted_run_ends(string description, string optimizer)
    {
        var train = Engine.RandomData("train", 200, 40, 10, seed: 4);
        string output = TaskData.TempDirectory();
        try
        {
            // 200 rows / batch 32 = 7 updates an epoch, 21 in all; checkpoints every 5 (mid-epoch) and at the end.
            string recipe = $$"""
                {"optimizer":{"type":"{{optimizer}}","learning_rate":0.05,"momentum":0.9},"schedule":"cosine","epochs":3,"batch_size":32,
                 "batch_order":"shuffled","seed":11,"checkpoint_every":5,"output_dir":{{TaskData.Json(output)}}
                """;
            using var whole = Engine.Trainer.CreateModel(description, TrainingDevice.Cpu, seed: 1);
            var recorder = new Recorder();
            await TaskData.Runner.RunAsync(Request(whole, train, recipe + "}"), recorder);
            Assert.Equal([5L, 10L, 15L, 20L, 21L], recorder.Artifacts.Where(a => a.Name == "checkpoint/model").Select(a => a.Step));

            using var resumed = Engine.Trainer.CreateModel(description, TrainingDevice.Cpu, seed: 99); // its own weights are replaced
            string from = Path.Combine(output, "step-0010");
            var report = await TaskData.Runner.RunAsync(Request(resumed, train, recipe.Replace(output, output + "-resumed", StringComparison.Ordinal) + $", \"resume_from\": {TaskData.Json(from)}}}"));

            Assert.Equal(21, report.Updates);
            Assert.Equal(whole.Forward(train.Features.Span), resumed.Forward(train.Features.Span));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
            if (Directory.Exists(output + "-resumed"))
            {
                Directory.Delete(output + "-resumed", recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_resumed_gan_ends_where_the_uninterrupted_run_ends()
    {
        string output = TaskData.TempDirectory();
        try
        {
            var images = TaskData.ImagesInput(48, seed: 6);
            string recipe = $$"""{"epochs":3,"batch_size":16,"seed":8,"output_dir":{{TaskData.Json(output)}}""";
            using var g1 = Engine.Trainer.CreateModel(TaskData.SmallGenerator, TrainingDevice.Cpu, seed: 1);
            using var d1 = Engine.Trainer.CreateModel(TaskData.SmallDiscriminator, TrainingDevice.Cpu, seed: 2);
            var whole = new Recorder();
            await TaskData.Runner.RunAsync(Gan(g1, d1, images, recipe + "}"), whole);

            using var g2 = Engine.Trainer.CreateModel(TaskData.SmallGenerator, TrainingDevice.Cpu, seed: 3);
            using var d2 = Engine.Trainer.CreateModel(TaskData.SmallDiscriminator, TrainingDevice.Cpu, seed: 4);
            var resumed = new Recorder();
            string from = Path.Combine(output, "epoch-0001");
            var report = await TaskData.Runner.RunAsync(
                Gan(g2, d2, images, $$"""{"epochs":3,"batch_size":16,"seed":8,"resume_from":{{TaskData.Json(from)}}}"""), resumed);

            Assert.Equal(9, report.Updates);
            Assert.Equal(3, report.Epochs);
            var z = Enumerable.Range(0, 24).Select(i => (float)Math.Cos(i)).ToArray();
            Assert.Equal(g1.Forward(z), g2.Forward(z));
            var x = TaskData.Images(3, seed: 7);
            Assert.Equal(d1.Forward(x), d2.Forward(x));
            // Same epoch means for the epochs both ran, and the same samples.
            Assert.Equal(whole.Metrics.Where(m => m.Step > 1), resumed.Metrics);
            Assert.Equal(whole.Images[^1].Pixels, resumed.Images[^1].Pixels);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task A_checkpoint_of_another_task_or_model_is_refused_naming_resume_from()
    {
        string output = TaskData.TempDirectory();
        try
        {
            var train = Engine.RandomData("train", 64, 40, 10, seed: 4);
            using var model = Engine.Trainer.CreateModel(Mnist1DModels.Logistic, TrainingDevice.Cpu);
            await TaskData.Runner.RunAsync(Request(model, train, $$"""{"steps":3,"output_dir":{{TaskData.Json(output)}}}"""));
            string checkpoint = Path.Combine(output, "step-0004");
            Assert.True(File.Exists(Path.Combine(checkpoint, "model.pt")));

            using var other = Engine.Trainer.CreateModel(Mnist1DModels.Mlp, TrainingDevice.Cpu);
            var ex = await Assert.ThrowsAsync<TrainingEngineException>(
                () => TaskData.Runner.RunAsync(Request(other, train, $$"""{"steps":3,"resume_from":{{TaskData.Json(checkpoint)}}}""")));
            Assert.Equal(EngineErrorKind.InvalidArgument, ex.Kind);
            Assert.Contains("recipe.resume_from", ex.Message, StringComparison.Ordinal);

            using var g = Engine.Trainer.CreateModel(TaskData.SmallGenerator, TrainingDevice.Cpu);
            using var d = Engine.Trainer.CreateModel(TaskData.SmallDiscriminator, TrainingDevice.Cpu);
            ex = await Assert.ThrowsAsync<TrainingEngineException>(
                () => TaskData.Runner.RunAsync(Gan(g, d, TaskData.ImagesInput(16, 1), $$"""{"epochs":1,"batch_size":8,"resume_from":{{TaskData.Json(checkpoint)}}}""")));
            Assert.Contains("written by task classifier", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static TrainingTaskRequest Request(ITrainableModel model, LabeledData train, string recipe) => new(
        "classifier",
        [new TaskModel("model", model)],
        [TaskInput.Float32("train_x", train.Features.ToArray(), train.Rows, 40), TaskInput.Int64("train_y", train.Labels.ToArray(), train.Rows)],
        recipe);

    private static TrainingTaskRequest Gan(ITrainableModel g, ITrainableModel d, TaskInput images, string recipe) =>
        new("gan", [new TaskModel("generator", g), new TaskModel("discriminator", d)], [images], recipe);
}
