using System.Text.Json.Nodes;
using DigitForge.Application.Experiments.Compositional;
using DigitForge.Application.Training;
using DigitForge.Application.Training.Tasks;
using DigitForge.EngineTests.Tasks;

namespace DigitForge.EngineTests.Compositional;

/// <summary>
/// The compositional-robustness tasks (native/src/tasks/compositional.cpp) on tiny data: a narrow DTN backbone
/// (width 1/16) on 28x28 bar images whose class is the bar's side, 7 noisy views per image.
/// </summary>
public sealed class CompositionalTaskTests
{
    private const double Width = 1.0 / 16;
    private const int Views = 7;

    /// <summary>images x views rows (row g * views + v), labels per row: the bar left (0) or right (1) of the middle.</summary>
    private static (float[] X, long[] Y) Grouped(int images, int seed)
    {
        float[] bars = TaskData.Images(images, seed);
        var random = new Random(seed);
        var x = new float[images * Views * 784];
        var y = new long[images * Views];
        for (int g = 0; g < images; g++)
        {
            for (int v = 0; v < Views; v++)
            {
                int row = (g * Views) + v;
                for (int p = 0; p < 784; p++)
                {
                    x[(row * 784) + p] = bars[(g * 784) + p] + (float)((random.NextDouble() - 0.5) * 0.4 * v);
                }

                y[row] = 6 + (g % 16) < 14 ? 0 : 1;
            }
        }

        return (x, y);
    }

    private static ITrainableModel Backbone(ulong seed = 1) => Engine.Trainer.CreateModel(CompositionalModels.Backbone(28, 2, Width), TrainingDevice.Cpu, seed);

    private static List<double> Series(Recorder recorder, string split, string name) =>
        [.. recorder.Metrics.Where(m => m.Split == split && m.Name == name).OrderBy(m => m.Step).Select(m => m.Value)];

    [Fact]
    public void The_engine_lists_the_compositional_tasks()
    {
        foreach (string task in new[] { "contrastive", "module", "autoencoder", "pipeline-eval" })
        {
            Assert.Contains(task, TaskData.Runner.TaskNames);
        }
    }

    [Fact]
    public async Task Contrastive_training_reports_both_losses_per_epoch_and_learns()
    {
        var (x, y) = Grouped(32, seed: 3);
        using var model = Backbone();
        var recorder = new Recorder();
        var request = new TrainingTaskRequest("contrastive", [new TaskModel("model", model)],
            [TaskInput.Float32("train_x", x, y.Length, 1, 28, 28), TaskInput.Int64("train_y", y, y.Length)],
            $$"""{"views":{{Views}},"embedding_layers":{{CompositionalModels.EmbeddingLayers}},"temperature":0.15,"contrastive_weight":0.1,"epochs":6,"batch_size":8,"optimizer":{"type":"sgd","learning_rate":0.05,"momentum":0.9,"weight_decay":5e-4},"schedule":{"type":"cosine"},"seed":5}""");

        var report = await TaskData.Runner.RunAsync(request, recorder);

        Assert.Equal(6, report.Epochs);
        Assert.Equal(24, report.Updates); // 32 images / 8 per batch x 6 epochs
        var loss = Series(recorder, "train", "loss");
        var ce = Series(recorder, "train", "ce");
        var contrastive = Series(recorder, "train", "contrastive");
        Assert.Equal(6, loss.Count);
        // loss = ce + 0.1 * contrastive, epoch means of the same batches.
        for (int e = 0; e < 6; e++)
        {
            Assert.Equal(ce[e] + (0.1 * contrastive[e]), loss[e], 4);
        }

        // 7 views per image in a batch of 8 images: a random embedding scores about log(55) = 4.0 per anchor.
        Assert.InRange(contrastive[0], 1.0, 6.0);
        Assert.True(ce[^1] < ce[0], $"cross-entropy falls: {string.Join(", ", ce)}");
        Assert.True(Series(recorder, "train", "acc")[^1] > 0.8, "the bar side is learnt");
    }

    [Fact]
    public async Task A_module_trains_inside_the_frozen_backbone_and_the_pipeline_applies_it_where_it_sits()
    {
        var (x, y) = Grouped(32, seed: 4);
        using var backbone = Backbone();
        await TaskData.Runner.RunAsync(new TrainingTaskRequest("classifier", [new TaskModel("model", backbone)],
            [TaskInput.Float32("train_x", x, y.Length, 1, 28, 28), TaskInput.Int64("train_y", y, y.Length)],
            """{"epochs":3,"batch_size":32,"batch_order":"shuffled","optimizer":{"type":"sgd","learning_rate":0.05,"momentum":0.9}}"""));
        float[] before = backbone.Forward(x.AsSpan(0, 784 * 7));
        // Corrupted = the images inverted; identity = the images themselves.
        float[] inverted = Array.ConvertAll(x, v => -v);
        int level = CompositionalModels.FirstConvLevel;
        using var module = Engine.Trainer.CreateModel(CompositionalModels.Module(CompositionalModels.ActivationShape(28, Width, level)), TrainingDevice.Cpu, 2);
        var recorder = new Recorder();
        await TaskData.Runner.RunAsync(new TrainingTaskRequest("module", [new TaskModel("backbone", backbone, Frozen: true), new TaskModel("module", module)],
            [TaskInput.Float32("train_x", inverted, y.Length, 1, 28, 28), TaskInput.Float32("identity_x", x, y.Length, 1, 28, 28), TaskInput.Int64("train_y", y, y.Length)],
            $$"""{"level":{{level}},"embedding_layers":{{CompositionalModels.EmbeddingLayers}},"epochs":4,"batch_size":32,"metric_split":"module.invert","seed":3}"""), recorder);

        Assert.Equal(4, Series(recorder, "module.invert", "loss").Count);
        Assert.DoesNotContain(recorder.Metrics, m => m.Split == "train");
        Assert.Equal(before, backbone.Forward(x.AsSpan(0, 784 * 7))); // frozen: weights and batch-norm statistics unchanged

        // pipeline-eval: the backbone split at the level is the backbone; with the module in between it is the module path.
        long whole = await Correct([("backbone", backbone)], """[{"role":"backbone"}]""", x, y);
        long split = await Correct([("backbone", backbone)], $$"""[{"role":"backbone","to":{{level}}},{"role":"backbone","from":{{level}}}]""", x, y);
        long expected = backbone.Predict(x).Zip(y).Count(p => p.First == p.Second);
        Assert.Equal(expected, whole);
        Assert.Equal(expected, split);
        long inverse = await Correct([("backbone", backbone)], """[{"role":"backbone"}]""", inverted, y);
        long modular = await Correct([("backbone", backbone), ("module.invert", module)],
            $$"""[{"role":"backbone","to":{{level}}},{"role":"module.invert"},{"role":"backbone","from":{{level}}}]""", inverted, y);
        Assert.True(modular >= inverse, $"the invert module helps on inverted images: {modular} vs {inverse} of {y.Length}");

        // Segments: one task, a pipeline per run of rows (the evaluator's block of compositions); the fused CPU path
        // (running statistics folded into the convolutions) counts what the layers' own forward counts.
        int half = y.Length / 2;
        string segments = $$"""
            [{"rows":{{half}},"pipeline":[{"role":"backbone"}]},
             {"rows":{{y.Length - half}},"pipeline":[{"role":"backbone","to":{{level}}},{"role":"module.invert"},{"role":"backbone","from":{{level}}}]}]
            """;
        var (fusedCounts, fused) = await Segments([("backbone", backbone), ("module.invert", module)], segments, "auto", inverted, y);
        var (torchCounts, torch) = await Segments([("backbone", backbone), ("module.invert", module)], segments, "torch", inverted, y);
        Assert.True(fused, "the fused path ran");
        Assert.False(torch, "implementation torch ran the layers' forward");
        Assert.Equal(torchCounts, fusedCounts);
        Assert.Equal(2, fusedCounts.Length);
    }

    private static async Task<(long[] Counts, bool Fused)> Segments(
        IReadOnlyList<(string Role, ITrainableModel Model)> models, string segments, string implementation, float[] x, long[] y)
    {
        var recorder = new Recorder();
        var recipe = new JsonObject { ["segments"] = JsonNode.Parse(segments), ["batch_size"] = 50, ["implementation"] = implementation };
        var report = await TaskData.Runner.RunAsync(new TrainingTaskRequest("pipeline-eval", [.. models.Select(m => new TaskModel(m.Role, m.Model, Frozen: true))],
            [TaskInput.Float32("x", x, y.Length, 1, 28, 28), TaskInput.Int64("y", y, y.Length)], recipe.ToJsonString()), recorder);
        long[] counts = [.. recorder.Metrics.Where(m => m.Split == "segment" && m.Name == "correct").OrderBy(m => m.Step).Select(m => (long)m.Value)];
        Assert.Equal(recorder.Metrics.Single(m => m.Split == "eval" && m.Name == "correct").Value, counts.Sum());
        return (counts, report.Fused);
    }

    [Fact]
    public async Task An_autoencoder_learns_to_undo_a_corruption_with_mean_squared_error()
    {
        var (x, y) = Grouped(16, seed: 6);
        float[] inverted = Array.ConvertAll(x, v => -v);
        using var ae = Engine.Trainer.CreateModel(CompositionalModels.Autoencoder(28, Width), TrainingDevice.Cpu, 4);
        Assert.Equal(784, ae.OutputSize);
        var recorder = new Recorder();
        var report = await TaskData.Runner.RunAsync(new TrainingTaskRequest("autoencoder", [new TaskModel("model", ae)],
            [TaskInput.Float32("train_x", inverted, y.Length, 1, 28, 28), TaskInput.Float32("target_x", x, y.Length, 784)],
            """{"epochs":5,"batch_size":16,"optimizer":{"type":"adam","learning_rate":0.01},"metric_split":"ae.invert"}"""), recorder);

        var loss = Series(recorder, "ae.invert", "loss");
        Assert.Equal(5, loss.Count);
        Assert.Equal(35, report.Updates);
        Assert.True(loss[^1] < loss[0] * 0.5, $"MSE falls: {string.Join(", ", loss)}");
        Assert.DoesNotContain(recorder.Metrics, m => m.Name == "acc");
    }

    [Fact]
    public async Task Bad_input_names_the_field()
    {
        var (x, y) = Grouped(2, seed: 1);
        using var model = Backbone();
        var ex = await Assert.ThrowsAsync<TrainingEngineException>(() => TaskData.Runner.RunAsync(new TrainingTaskRequest("contrastive", [new TaskModel("model", model)],
            [TaskInput.Float32("train_x", x, y.Length, 1, 28, 28), TaskInput.Int64("train_y", y, y.Length)],
            $$"""{"views":5,"embedding_layers":{{CompositionalModels.EmbeddingLayers}}}""")));
        Assert.Contains("recipe.views", ex.Message, StringComparison.Ordinal);

        using var wrong = Engine.Trainer.CreateModel(CompositionalModels.Module(CompositionalModels.ActivationShape(28, Width, 8)), TrainingDevice.Cpu, 2);
        ex = await Assert.ThrowsAsync<TrainingEngineException>(() => TaskData.Runner.RunAsync(new TrainingTaskRequest("module",
            [new TaskModel("backbone", model, Frozen: true), new TaskModel("module", wrong)],
            [TaskInput.Float32("train_x", x, y.Length, 1, 28, 28), TaskInput.Float32("identity_x", x, y.Length, 1, 28, 28), TaskInput.Int64("train_y", y, y.Length)],
            $$"""{"level":4,"embedding_layers":{{CompositionalModels.EmbeddingLayers}}}""")));
        Assert.Contains("models.module", ex.Message, StringComparison.Ordinal);

        ex = await Assert.ThrowsAsync<TrainingEngineException>(() => Correct([("backbone", model)], """[{"role":"nobody"}]""", x, y));
        Assert.Contains("models.nobody", ex.Message, StringComparison.Ordinal);

        ex = await Assert.ThrowsAsync<TrainingEngineException>(() => Segments([("backbone", model)], """[{"rows":3,"pipeline":[{"role":"backbone"}]}]""", "auto", x, y));
        Assert.Contains("recipe.segments", ex.Message, StringComparison.Ordinal);
    }

    private static async Task<long> Correct(IReadOnlyList<(string Role, ITrainableModel Model)> models, string pipeline, float[] x, long[] y)
    {
        var recorder = new Recorder();
        var recipe = new JsonObject { ["pipeline"] = JsonNode.Parse(pipeline), ["batch_size"] = 50 };
        await TaskData.Runner.RunAsync(new TrainingTaskRequest("pipeline-eval", [.. models.Select(m => new TaskModel(m.Role, m.Model, Frozen: true))],
            [TaskInput.Float32("x", x, y.Length, 1, 28, 28), TaskInput.Int64("y", y, y.Length)], recipe.ToJsonString()), recorder);
        Assert.Equal(y.Length, recorder.Metrics.Single(m => m.Name == "rows").Value);
        return (long)recorder.Metrics.Single(m => m.Name == "correct").Value;
    }
}
