using System.Text.Json;
using DigitForge.Application.Experiments.MixedEffects;
using DigitForge.Application.Training;
using DigitForge.Application.Training.Tasks;
using DigitForge.EngineTests.Tasks;

namespace DigitForge.EngineTests.MixedEffects;

/// <summary>
/// The mixed_effects presets beyond the reference's MLP ones: second-order MLDG (differentiated through the inner step)
/// and the CNN presets for image clusters, whose random effects and cluster input act on the penultimate features.
/// </summary>
public sealed class MixedEffectsPresetsTests
{
    private const int Clusters = 3;

    /// <summary>Rows of <paramref name="features"/> values in [-1, 1]; the class is the sign of the first, flipped in cluster 1.</summary>
    private static List<TaskInput> Inputs(int features, int perCluster)
    {
        var random = new Random(features);
        int rows = perCluster * Clusters;
        var x = new float[rows * features];
        var y = new long[rows];
        var z = new float[rows * Clusters];
        for (int i = 0; i < rows; i++)
        {
            for (int f = 0; f < features; f++)
            {
                x[(i * features) + f] = (float)((random.NextDouble() * 2) - 1);
            }

            y[i] = (x[i * features] > 0) ^ (i / perCluster == 1) ? 1 : 0;
            z[(i * Clusters) + (i / perCluster)] = 1;
        }

        return
        [
            TaskInput.Float32("train_x", x, rows, features), TaskInput.Int64("train_y", y, rows), TaskInput.Float32("train_z", z, rows, Clusters),
            TaskInput.Float32("unseen_x", x, rows, features), TaskInput.Int64("unseen_y", y, rows), TaskInput.Float32("unseen_z", new float[rows * Clusters], rows, Clusters),
        ];
    }

    private static async Task<Recorder> Run(string model, int features, string extra = "", int epochs = 2)
    {
        var roles = MixedEffectsModels.Roles(model, features, Clusters, 2);
        var models = roles.Select((r, i) => Engine.Trainer.CreateModel(r.Description, TrainingDevice.Cpu, 11 + (ulong)i)).ToList();
        string extras = string.Concat(MixedEffectsModels.RecipeExtras(model).Select(e => $",\"{e.Key}\":{JsonSerializer.Serialize(e.Value)}"));
        string recipe = $$"""{"model":"{{MixedEffectsModels.EngineModel(model)}}","epochs":{{epochs}},"batch_size":16,"seed":4,"eval_sets":["train","unseen"]{{extras}}{{extra}}}""";
        try
        {
            var recorder = new Recorder();
            await TaskData.Runner.RunAsync(new TrainingTaskRequest("mixed_effects", [.. roles.Select((r, i) => new TaskModel(r.Role, models[i]))], Inputs(features, 24), recipe), recorder);
            return recorder;
        }
        finally
        {
            models.ForEach(m => m.Dispose());
        }
    }

    private static double[] Values(Recorder r) => [.. r.Metrics.Select(m => m.Value)];

    [Fact]
    public async Task Second_order_mldg_equals_first_order_without_an_inner_step_and_differs_with_one()
    {
        // inner lr 0: theta' = theta, so the Hessian term vanishes and both orders take the same steps.
        const string noInner = ""","mldg_inner_learning_rate":0""";
        var first = await Run(MixedEffectsModels.Mldg, 2, noInner);
        var second = await Run(MixedEffectsModels.Mldg2, 2, noInner);
        Assert.Equal(first.Metrics.Count, second.Metrics.Count);
        for (int i = 0; i < first.Metrics.Count; i++)
        {
            Assert.Equal(first.Metrics[i].Value, second.Metrics[i].Value, 4);
        }

        const string inner = ""","mldg_inner_learning_rate":0.5""";
        var firstOrder = await Run(MixedEffectsModels.Mldg, 2, inner);
        var secondOrder = await Run(MixedEffectsModels.Mldg2, 2, inner);
        Assert.NotEqual(Values(firstOrder), Values(secondOrder));
        Assert.All(secondOrder.Metrics, m => Assert.True(double.IsFinite(m.Value), $"{m.Split}/{m.Name}"));
        Assert.Equal(Values(secondOrder), Values(await Run(MixedEffectsModels.Mldg2, 2, inner)));
    }

    public static TheoryData<string> CnnModels => [MixedEffectsModels.CnnConventional, MixedEffectsModels.CnnClusterInput, MixedEffectsModels.CnnMe, MixedEffectsModels.CnnArmed];

    [Theory]
    [MemberData(nameof(CnnModels))]
    public async Task The_cnn_presets_train_on_square_images_and_report_every_partition(string model)
    {
        var recorder = await Run(model, 64);
        foreach (string split in new[] { "train", "unseen" })
        {
            Assert.InRange(recorder.Metrics.Single(m => m.Split == split && m.Name == "acc").Value, 0, 1);
        }

        Assert.Equal(2, recorder.Metrics.Count(m => m is { Split: "epoch", Name: "loss" }));
        Assert.Throws<ArgumentException>(() => MixedEffectsModels.Roles(model, 10, Clusters, 2)); // not a square image
    }

    [Fact]
    public async Task Effects_on_an_unknown_place_and_a_third_order_are_refused_naming_the_key()
    {
        var ex = await Assert.ThrowsAsync<TrainingEngineException>(() => Run(MixedEffectsModels.Conventional, 2, ""","effects_on":"output" """));
        Assert.Contains("recipe.effects_on", ex.Message, StringComparison.Ordinal);
        ex = await Assert.ThrowsAsync<TrainingEngineException>(() => Run(MixedEffectsModels.Mldg, 2, ""","mldg_order":3"""));
        Assert.Contains("recipe.mldg_order", ex.Message, StringComparison.Ordinal);
    }
}
