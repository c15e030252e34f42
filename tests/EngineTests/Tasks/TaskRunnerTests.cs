using DigitForge.Application.Experiments.Gan;
using DigitForge.Application.Training;
using DigitForge.Application.Training.Tasks;

namespace DigitForge.EngineTests.Tasks;

/// <summary>Every task trains a few steps through ITrainingTaskRunner and reports what its source file says.</summary>
public sealed class TaskRunnerTests
{
    [Fact]
    public void The_engine_lists_its_tasks()
    {
        Assert.Contains("classifier", TaskData.Runner.TaskNames);
        Assert.Contains("gan", TaskData.Runner.TaskNames);
    }

    [Fact]
    public async Task The_classifier_task_reports_loss_and_acc_per_split_at_optimiser_steps()
    {
        var train = Engine.RandomData("train", 300, 40, 10, seed: 1);
        var test = Engine.RandomData("test", 100, 40, 10, seed: 2);
        using var model = Engine.Trainer.CreateModel(Mnist1DModels.Mlp, TrainingDevice.Cpu);
        var recorder = new Recorder();
        var request = new TrainingTaskRequest(
            "classifier",
            [new TaskModel("model", model)],
            [
                TaskInput.Float32("train_x", train.Features.ToArray(), 300, 40), TaskInput.Int64("train_y", train.Labels.ToArray(), 300),
                TaskInput.Float32("test_x", test.Features.ToArray(), 100, 40), TaskInput.Int64("test_y", test.Labels.ToArray(), 100),
            ],
            """{"optimizer":{"type":"adamw","learning_rate":0.01,"weight_decay":0.01},"schedule":{"type":"cosine"},"epochs":2,"batch_size":50,"batch_order":"shuffled","eval_every":6}""");

        var report = await TaskData.Runner.RunAsync(request, recorder);

        Assert.Equal(12, report.Updates);
        Assert.Equal(2, report.Epochs);
        Assert.True(report.Fused, "the MLP trains on the hand-written CPU path");
        Assert.Equal(["batch", "test"], recorder.Metrics.Select(m => m.Split).Distinct());
        Assert.Equal(["loss", "acc"], recorder.Metrics.Select(m => m.Name).Distinct());
        Assert.Equal([0L, 6L, 11L], recorder.Metrics.Where(m => m.Split == "test").Select(m => m.Step).Distinct());
        var losses = recorder.Metrics.Where(m => m.Split == "test" && m.Name == "loss").Select(m => m.Value).ToList();
        Assert.True(losses[^1] < losses[0], $"test loss {losses[0]} -> {losses[^1]}");
    }

    [Fact]
    public async Task A_small_gan_trains_and_reports_curves_sample_grids_and_loadable_checkpoints()
    {
        string output = TaskData.TempDirectory();
        try
        {
            using var generator = Engine.Trainer.CreateModel(TaskData.SmallGenerator, TrainingDevice.Cpu, seed: 1);
            using var discriminator = Engine.Trainer.CreateModel(TaskData.SmallDiscriminator, TrainingDevice.Cpu, seed: 2);
            var recorder = new Recorder();
            var request = new TrainingTaskRequest(
                "gan",
                [new TaskModel("generator", generator), new TaskModel("discriminator", discriminator)],
                [TaskData.ImagesInput(70, seed: 3)],
                $$"""{"epochs":2,"batch_size":32,"seed":5,"output_dir":{{TaskData.Json(output)}}}""");

            var report = await TaskData.Runner.RunAsync(request, recorder);

            // 70 rows, batch 32, drop_last: 2 iterations an epoch, one G step each (disc_iters 1).
            Assert.Equal(4, report.Updates);
            Assert.Equal(2, report.Epochs);
            foreach (string name in new[] { "d_loss", "g_loss", "d_x", "d_g_z" })
            {
                var values = recorder.Metrics.Where(m => m.Name == name).ToList();
                Assert.Equal([1L, 2L], values.Select(m => m.Step));
                Assert.All(values, m => Assert.Equal("train", m.Split));
                Assert.All(values, m => Assert.True(double.IsFinite(m.Value)));
            }

            Assert.All(recorder.Metrics.Where(m => m.Name is "d_x" or "d_g_z"), m => Assert.InRange(m.Value, 0, 1));
            // The 8 x 8 grid of 64 fixed-noise samples, 2-pixel borders: at epoch 0 (untrained) and after each epoch.
            Assert.Equal([0L, 1L, 2L], recorder.Images.Select(i => i.Step));
            Assert.All(recorder.Images, i =>
            {
                Assert.Equal("samples", i.Name);
                Assert.Equal((242, 242, 1), (i.Height, i.Width, i.Channels));
                Assert.Equal(242 * 242, i.Pixels.Length);
            });
            Assert.NotEqual(recorder.Images[0].Pixels, recorder.Images[2].Pixels);

            Assert.Equal(9, recorder.Artifacts.Count);
            Assert.All(recorder.Artifacts, a => Assert.True(File.Exists(a.Path), a.Path));
            var last = recorder.Artifacts.Single(a => a.Name == "checkpoint/generator" && a.Step == 2);
            Assert.Equal(Path.Combine(output, "epoch-0002", "generator.pt"), last.Path);
            using var reloaded = Engine.Trainer.LoadModel(last.Path, TrainingDevice.Cpu);
            var z = Enumerable.Range(0, 16).Select(i => (float)Math.Sin(i)).ToArray();
            Assert.Equal(generator.Forward(z), reloaded.Forward(z));
            Assert.Equal(TaskData.SmallGenerator.Init, reloaded.Description.Init);
            using var reloadedDiscriminator = Engine.Trainer.LoadModel(Path.Combine(output, "epoch-0002", "discriminator.pt"), TrainingDevice.Cpu);
            Assert.Equal(discriminator.ParameterCount, reloadedDiscriminator.ParameterCount);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Theory]
    [InlineData("probability", "ns")]
    [InlineData("probability", "wgan-gp")]
    public async Task The_gan_takes_a_frozen_classifier_in_the_generator_loss_and_wgan_gp(string classifierOutput, string loss)
    {
        using var generator = Engine.Trainer.CreateModel(TaskData.SmallGenerator, TrainingDevice.Cpu, seed: 1);
        using var discriminator = Engine.Trainer.CreateModel(
            loss == "ns" ? TaskData.SmallDiscriminator : DcganModels.Discriminator(filterDim: 4, wgan: true), TrainingDevice.Cpu, seed: 2);
        // GASTeN's binary classifier: conv, pool, conv, pool, linear, sigmoid (spec §1), nf = 2.
        using var classifier = Engine.Trainer.CreateModel(
            """
            {"input_shape":[1,28,28],"layers":[
              {"type":"conv2d","in_channels":1,"out_channels":2,"kernel_size":3,"padding":1},{"type":"max_pool2d","kernel_size":2},
              {"type":"conv2d","in_channels":2,"out_channels":4,"kernel_size":3,"padding":1},{"type":"max_pool2d","kernel_size":2},
              {"type":"flatten"},{"type":"linear","in_features":196,"out_features":1},{"type":"sigmoid"}]}
            """,
            TrainingDevice.Cpu,
            seed: 3);
        var before = classifier.Forward(TaskData.Images(2, seed: 9));
        var recorder = new Recorder();
        var request = new TrainingTaskRequest(
            "gan",
            [new TaskModel("generator", generator), new TaskModel("discriminator", discriminator), new TaskModel("classifier", classifier, Frozen: true)],
            [TaskData.ImagesInput(64, seed: 3), TaskInput.Float32("fixed_noise", new float[4 * 8], 4, 8)],
            $$"""{"epochs":1,"batch_size":32,"loss":"{{loss}}","classifier_weight":25,"classifier_output":"{{classifierOutput}}"}""");

        var report = await TaskData.Runner.RunAsync(request, recorder);

        Assert.Equal(2, report.Updates);
        var names = recorder.Metrics.Select(m => m.Name).ToHashSet();
        Assert.Contains("g_conf_dist", names);
        Assert.Contains("g_adv_loss", names);
        Assert.Equal(loss == "wgan-gp", names.Contains("gp"));
        Assert.InRange(recorder.Metrics.Single(m => m.Name == "g_conf_dist").Value, 0, 0.5);
        Assert.Equal(before, classifier.Forward(TaskData.Images(2, seed: 9))); // frozen: never optimised
        Assert.Equal((62, 62), (recorder.Images[0].Height, recorder.Images[0].Width)); // 4 fixed-noise samples: 2 x 2 tiles of 28 + 2
    }

    [Fact]
    public async Task Cancelling_a_gan_run_stops_it_within_an_iteration()
    {
        using var generator = Engine.Trainer.CreateModel(TaskData.SmallGenerator, TrainingDevice.Cpu, seed: 1);
        using var discriminator = Engine.Trainer.CreateModel(TaskData.SmallDiscriminator, TrainingDevice.Cpu, seed: 2);
        using var cts = new CancellationTokenSource();
        var recorder = new Recorder { OnEachMetric = _ => cts.Cancel() };
        var request = new TrainingTaskRequest(
            "gan",
            [new TaskModel("generator", generator), new TaskModel("discriminator", discriminator)],
            [TaskData.ImagesInput(32, seed: 3)],
            """{"epochs":1000,"batch_size":16}""");

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TaskData.Runner.RunAsync(request, recorder, cts.Token));

        Assert.Contains("epoch 2", ex.Message, StringComparison.Ordinal);
        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.Single(generator.Forward(new float[8]).Take(1)); // usable again
    }
}
