using DigitForge.Application.Experiments.MixedEffects;
using DigitForge.Application.Training;
using DigitForge.Application.Training.Layers;
using DigitForge.Application.Training.Tasks;
using DigitForge.EngineTests.Tasks;

namespace DigitForge.EngineTests.MixedEffects;

/// <summary>
/// The mixed_effects task on tiny clustered data (3 clusters, 2 features, a few epochs): every preset trains, reports
/// its metrics, is reproducible from its seed, and bad input names the field.
/// </summary>
public sealed class MixedEffectsTaskTests
{
    private const int Clusters = 3;

    /// <summary>
    /// rows per cluster of x ~ N(0, 1)²; the class is x1 > 0, except in cluster 1 where it is flipped (a cluster effect
    /// only Z can explain). z is one-hot.
    /// </summary>
    private static (float[] X, long[] Y, float[] Z, int Rows) Clustered(int perCluster, int seed)
    {
        var random = new Random(seed);
        int rows = perCluster * Clusters;
        var x = new float[rows * 2];
        var y = new long[rows];
        var z = new float[rows * Clusters];
        for (int i = 0; i < rows; i++)
        {
            int c = i / perCluster;
            x[2 * i] = (float)((random.NextDouble() * 2) - 1);
            x[(2 * i) + 1] = (float)((random.NextDouble() * 2) - 1);
            bool positive = x[2 * i] > 0;
            y[i] = (positive ^ (c == 1)) ? 1 : 0;
            z[(i * Clusters) + c] = 1;
        }

        return (x, y, z, rows);
    }

    private static List<TaskInput> Inputs(int perCluster = 40)
    {
        var train = Clustered(perCluster, 1);
        var test = Clustered(10, 2);
        return
        [
            TaskInput.Float32("train_x", train.X, train.Rows, 2), TaskInput.Int64("train_y", train.Y, train.Rows), TaskInput.Float32("train_z", train.Z, train.Rows, Clusters),
            TaskInput.Float32("test_x", test.X, test.Rows, 2), TaskInput.Int64("test_y", test.Y, test.Rows), TaskInput.Float32("test_z", test.Z, test.Rows, Clusters),
            TaskInput.Float32("unseen_x", test.X, test.Rows, 2), TaskInput.Int64("unseen_y", test.Y, test.Rows), TaskInput.Float32("unseen_z", new float[test.Rows * Clusters], test.Rows, Clusters),
        ];
    }

    private static async Task<Recorder> Run(string model, string recipe, IReadOnlyList<TaskInput>? inputs = null, ulong seed = 5) =>
        (await RunWithReport(model, recipe, inputs, seed)).Recorder;

    private static Task<(Recorder Recorder, TaskReport Report)> RunWithReport(string model, string recipe, IReadOnlyList<TaskInput>? inputs = null, ulong seed = 5) =>
        RunRoles(MixedEffectsModels.Roles(model, 2, Clusters, 2), recipe, inputs, seed);

    private static async Task<(Recorder Recorder, TaskReport Report)> RunRoles(IReadOnlyList<(string Role, ModelDescription Description)> roles, string recipe,
        IReadOnlyList<TaskInput>? inputs = null, ulong seed = 5)
    {
        var models = roles.Select((r, i) => Engine.Trainer.CreateModel(r.Description, TrainingDevice.Cpu, seed + (ulong)i)).ToList();
        try
        {
            var recorder = new Recorder();
            var report = await TaskData.Runner.RunAsync(new TrainingTaskRequest("mixed_effects", [.. roles.Select((r, i) => new TaskModel(r.Role, models[i]))], inputs ?? Inputs(), recipe), recorder);
            return (recorder, report);
        }
        finally
        {
            models.ForEach(m => m.Dispose());
        }
    }

    /// <summary>The presets over 2-feature rows (the CNN presets need images: MixedEffectsPresetsTests).</summary>
    public static TheoryData<string> Models => [.. MixedEffectsModels.Names.Where(m => !MixedEffectsModels.IsCnn(m))];

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Every_model_trains_reports_its_partitions_and_is_reproducible(string model)
    {
        string extras = string.Concat(MixedEffectsModels.RecipeExtras(model).Select(e => $",\"{e.Key}\":{System.Text.Json.JsonSerializer.Serialize(e.Value)}"));
        string recipe = $$"""{"model":"{{MixedEffectsModels.EngineModel(model)}}","epochs":3,"batch_size":32,"seed":7{{extras}}}""";
        var first = await Run(model, recipe);
        var losses = first.Metrics.Where(m => m is { Split: "epoch", Name: "loss" }).ToList();
        Assert.Equal([1L, 2L, 3L], losses.Select(m => m.Step));
        Assert.All(losses, m => Assert.True(double.IsFinite(m.Value)));
        foreach (string split in new[] { "train", "test", "unseen" })
        {
            foreach (string name in new[] { "loss", "acc", "balanced_acc", "ref_balanced_acc" })
            {
                var metric = Assert.Single(first.Metrics, m => m.Split == split && m.Name == name);
                Assert.Equal(3, metric.Step);
                Assert.True(double.IsFinite(metric.Value), $"{split}/{name} = {metric.Value}");
            }

            // Two classes: the reference's "balanced_accuracy" is the accuracy.
            Assert.Equal(first.Metrics.Single(m => m.Split == split && m.Name == "acc").Value, first.Metrics.Single(m => m.Split == split && m.Name == "ref_balanced_acc").Value, 12);
        }

        if (model is MixedEffectsModels.Armed or MixedEffectsModels.DomainAdversarial)
        {
            Assert.Equal(3, first.Metrics.Count(m => m.Name == "adv_loss"));
        }

        var second = await Run(model, recipe);
        Assert.Equal(first.Metrics, second.Metrics);
        var other = await Run(model, recipe.Replace("\"seed\":7", "\"seed\":8", StringComparison.Ordinal));
        Assert.NotEqual(first.Metrics.Select(m => m.Value), other.Metrics.Select(m => m.Value));
    }

    [Fact]
    public async Task Trainings_running_at_once_in_one_process_each_draw_their_own_random_effects()
    {
        // A grid's configurations train side by side in one worker: each task's random-effects draws (and the
        // initial weights of models created meanwhile) must not depend on what else runs. With libtorch's global
        // generator shared by all, the interleaved draws changed the results.
        var inputs = Inputs(perCluster: 150);
        string recipe = """{"model":"me_mlp","epochs":40,"batch_size":8,"seed":7}""";
        var alone = await Run(MixedEffectsModels.MeMlp, recipe, inputs);
        var together = await Task.WhenAll(
            Task.Run(() => Run(MixedEffectsModels.MeMlp, recipe, inputs)),
            Task.Run(() => Run(MixedEffectsModels.MeMlp, recipe, inputs)),
            Task.Run(() => Run(MixedEffectsModels.MeMlp, recipe.Replace("\"seed\":7", "\"seed\":9", StringComparison.Ordinal), inputs)),
            Task.Run(() => Run(MixedEffectsModels.MeMlp, recipe[..^1] + ",\"fused\":false}", inputs)));
        Assert.Equal(alone.Metrics, together[0].Metrics);
        Assert.Equal(alone.Metrics, together[1].Metrics);
        Assert.NotEqual(alone.Metrics.Select(m => m.Value), together[2].Metrics.Select(m => m.Value));
        var autograd = await Run(MixedEffectsModels.MeMlp, recipe[..^1] + ",\"fused\":false}", inputs);
        Assert.Equal(autograd.Metrics, together[3].Metrics);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_resumed_me_mlp_training_ends_where_the_uninterrupted_one_ends(bool fused)
    {
        // The checkpoint keeps the task's generator, so the random-effects draws after the resume are the ones the
        // uninterrupted run made (restarting the stream from the seed would give other draws and other metrics).
        string output = TaskData.TempDirectory();
        try
        {
            string recipe = $$"""{"model":"me_mlp","epochs":4,"batch_size":16,"seed":7,"fused":{{(fused ? "true" : "false")}},"checkpoint_every":1,"output_dir":{{TaskData.Json(output)}}}""";
            var whole = await Run(MixedEffectsModels.MeMlp, recipe);
            string from = Path.Combine(output, "epoch-0002");
            Assert.True(Directory.Exists(from), from);
            var resumed = await Run(MixedEffectsModels.MeMlp,
                $$"""{"model":"me_mlp","epochs":4,"batch_size":16,"seed":7,"fused":{{(fused ? "true" : "false")}},"resume_from":{{TaskData.Json(from)}}}""", seed: 50);
            Assert.Equal(whole.Metrics.Where(m => m.Step > 2), resumed.Metrics.Where(m => m.Step > 2));
            Assert.Contains(resumed.Metrics, m => m is { Split: "test", Name: "acc", Step: 4 });
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    public static TheoryData<string> FusedModels =>
        [MixedEffectsModels.Conventional, MixedEffectsModels.ClusterInput, MixedEffectsModels.Mldg, MixedEffectsModels.DomainAdversarial, MixedEffectsModels.MeMlp, MixedEffectsModels.Armed];

    [Theory]
    [MemberData(nameof(FusedModels))]
    public async Task The_hand_written_cpu_path_trains_as_libtorch_autograd_does(string model)
    {
        // The MLP presets train on fused_sequential's CPU path, ME-MLP, ARMED and domain-adversarial on dense_cpu's,
        // unless the recipe says "fused": false; the same seed gives the same batches, MLDG draws and random-effects
        // draws (eps) on both, and the maths agrees to float rounding after 5 epochs, on every metric (the training
        // objective with its KL and L1 terms, the adversary's loss, every partition's loss and accuracies).
        string recipe = $$"""{"model":"{{model}}","epochs":5,"batch_size":16,"seed":11,"optimizer":{"type":"adam","learning_rate":0.01,"eps":1e-7}""";
        var (fused, fusedReport) = await RunWithReport(model, recipe + "}");
        var (autograd, autogradReport) = await RunWithReport(model, recipe + ",\"fused\":false}");
        Assert.True(fusedReport.Fused, "the hand-written path ran");
        Assert.False(autogradReport.Fused, "the reference ran on autograd");
        Assert.Equal(autograd.Metrics.Count, fused.Metrics.Count);
        for (int i = 0; i < fused.Metrics.Count; i++)
        {
            var (f, a) = (fused.Metrics[i], autograd.Metrics[i]);
            Assert.Equal((a.Split, a.Name, a.Step), (f.Split, f.Name, f.Step));
            Assert.True(Math.Abs(f.Value - a.Value) <= 1e-4, $"{f.Split}/{f.Name} at {f.Step}: fused {f.Value}, autograd {a.Value}");
        }

        Assert.NotEqual(autograd.Metrics.Select(m => m.Value), (await Run(model, recipe.Replace("\"seed\":11", "\"seed\":12", StringComparison.Ordinal) + "}")).Metrics.Select(m => m.Value));
    }

    [Theory]
    [InlineData(MixedEffectsModels.MeMlp)]
    [InlineData(MixedEffectsModels.Armed)]
    public async Task The_hand_written_path_takes_the_random_effects_gradients_as_autograd_does(string model)
    {
        // The presets' KL weights (1/8000, 1e-5) and zero initial means make the KL and L1 gradients too small to show
        // in 5 epochs' metrics; here the random slopes and intercepts start away from 0 and weigh their regularisers
        // 0.05, so a wrong KL, L1 or s.d. gradient moves every metric well past the tolerance.
        var slopes = new ModelDescription([Clusters], [new RandomEffectsLayer(Clusters, 2, PriorSd: 0.3, PosteriorSdInit: [0.1, 0.2], MeanInitScale: 0.5, KlWeight: 0.05, L1Weight: 0.05)]);
        var intercept = new ModelDescription([Clusters], [new RandomEffectsLayer(Clusters, 2, PriorSd: 0.1, PosteriorSdInit: [0.1, 0.2], MeanInitScale: 0.3, KlWeight: 0.05, L1Weight: 0.02)]);
        var roles = MixedEffectsModels.Roles(model, 2, Clusters, 2).Where(r => r.Role is not ("random" or "intercept"))
            .Append(("random", slopes)).Append(("intercept", intercept)).ToList();
        string recipe = $$"""{"model":"{{model}}","epochs":5,"batch_size":16,"seed":11,"optimizer":{"type":"adam","learning_rate":0.01,"eps":1e-7}""";
        var (fused, fusedReport) = await RunRoles(roles, recipe + "}");
        var (autograd, autogradReport) = await RunRoles(roles, recipe + ",\"fused\":false}");
        Assert.True(fusedReport.Fused);
        Assert.False(autogradReport.Fused);
        Assert.Equal(autograd.Metrics.Count, fused.Metrics.Count);
        for (int i = 0; i < fused.Metrics.Count; i++)
        {
            var (f, a) = (fused.Metrics[i], autograd.Metrics[i]);
            Assert.Equal((a.Split, a.Name, a.Step), (f.Split, f.Name, f.Step));
            Assert.True(Math.Abs(f.Value - a.Value) <= 1e-4, $"{f.Split}/{f.Name} at {f.Step}: fused {f.Value}, autograd {a.Value}");
        }
    }

    [Fact]
    public async Task The_mixed_effects_model_learns_a_cluster_effect_the_conventional_one_cannot()
    {
        // Cluster 1's labels are flipped: without Z the best is ~2/3 on seen clusters; with Z all of it is learnable.
        const string recipe = """{"model":"MODEL","epochs":60,"batch_size":32,"seed":3,"optimizer":{"type":"adam","learning_rate":0.01}}""";
        var inputs = Inputs(perCluster: 60);
        var conventional = await Run(MixedEffectsModels.Conventional, recipe.Replace("MODEL", "conventional", StringComparison.Ordinal), inputs);
        var clusterInput = await Run(MixedEffectsModels.ClusterInput, recipe.Replace("MODEL", "cluster_input", StringComparison.Ordinal), inputs);
        double Test(Recorder r) => r.Metrics.Single(m => m is { Split: "test", Name: "acc" }).Value;
        Assert.InRange(Test(conventional), 0, 0.8);
        Assert.InRange(Test(clusterInput), 0.8, 1);
        Assert.True(Test(clusterInput) - Test(conventional) >= 0.1, $"cluster input {Test(clusterInput)}, conventional {Test(conventional)}");
    }

    [Fact]
    public async Task Predictions_use_the_posterior_means_and_an_unseen_cluster_gets_z_zero()
    {
        string dir = TaskData.TempDirectory();
        try
        {
            var inputs = Inputs();
            var grid = new float[] { 0.5f, 0.5f, -0.5f, 0.5f };
            inputs.Add(TaskInput.Float32("a_x", grid, 2, 2));
            inputs.Add(TaskInput.Float32("a_z", [0, 0, 0, 0, 0, 0], 2, Clusters));
            string recipe = $$"""{"model":"me_mlp","epochs":1,"seed":3,"predict_sets":["a"],"predictions_dir":{{TaskData.Json(dir)}}}""";
            var recorder = await Run(MixedEffectsModels.MeMlp, recipe, inputs);
            var artifact = Assert.Single(recorder.Artifacts);
            Assert.Equal("predictions/a", artifact.Name);
            byte[] bytes = await File.ReadAllBytesAsync(artifact.Path);
            Assert.Equal(2 * 2 * sizeof(float), bytes.Length);
            float[] p = new float[4];
            Buffer.BlockCopy(bytes, 0, p, 0, bytes.Length);
            Assert.Equal(1, p[0] + p[1], 5);
            // Evaluation is deterministic (means, not draws): a second run of the same seed predicts the same bits.
            var again = await Run(MixedEffectsModels.MeMlp, recipe, inputs);
            Assert.Equal(bytes, await File.ReadAllBytesAsync(Assert.Single(again.Artifacts).Path));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_random_effects_layer_has_a_mean_and_a_scale_per_cluster_and_feature_and_gives_zero_for_z_zero()
    {
        var description = new ModelDescription([Clusters], [new RandomEffectsLayer(Clusters, 2, PosteriorSdInit: [0.1, 0.2], MeanInitScale: 0.3)]);
        using var layer = Engine.Trainer.CreateModel(description, TrainingDevice.Cpu, 4);
        Assert.Equal(2 * Clusters * 2, layer.ParameterCount);
        Assert.Equal(2, layer.OutputSize);
        Assert.Equal(new float[4], layer.Forward(new float[2 * Clusters]));
        float[] one = layer.Forward([0, 1, 0]);
        Assert.NotEqual(0f, one[0]); // mean_init_scale 0.3: the posterior means start non-zero
        Assert.Equal(one, layer.Forward([0, 1, 0])); // evaluation: the means, no draw
    }

    public static TheoryData<string, string, string> BadRecipes => new()
    {
        { "unknown model", """{"model":"resnet","epochs":1}""", "recipe.model" },
        { "no epochs", """{"model":"conventional"}""", "recipe.epochs" },
        { "unknown key", """{"model":"conventional","epochs":1,"colour":1}""", "recipe.colour" },
        { "predict without dir", """{"model":"conventional","epochs":1,"predict_sets":["test"]}""", "recipe.predictions_dir" },
        { "bad eval set", """{"model":"conventional","epochs":1,"eval_sets":["nope"]}""", "recipe.eval_sets" },
    };

    [Theory]
    [MemberData(nameof(BadRecipes))]
    public async Task A_bad_recipe_names_the_field(string name, string recipe, string field)
    {
        var ex = await Assert.ThrowsAsync<TrainingEngineException>(() => Run(MixedEffectsModels.Conventional, recipe));
        Assert.True(ex.Message.Contains(field, StringComparison.Ordinal), $"{name}: {ex.Message}");
    }

    [Fact]
    public async Task Bad_inputs_and_roles_name_the_input_or_role()
    {
        var inputs = Inputs();
        const string conventional = """{"model":"conventional","epochs":1}""";
        var noZ = inputs.Where(i => i.Name != "train_z").ToList();
        Assert.Contains("inputs.train_z", (await Assert.ThrowsAsync<TrainingEngineException>(() => Run(MixedEffectsModels.Conventional, conventional, noZ))).Message, StringComparison.Ordinal);

        var notOneHot = inputs.Select(i => i.Name == "train_z" ? TaskInput.Float32("train_z", Enumerable.Repeat(0.5f, 120 * Clusters).ToArray(), 120, Clusters) : i).ToList();
        Assert.Contains("inputs.train_z", (await Assert.ThrowsAsync<TrainingEngineException>(() => Run(MixedEffectsModels.Conventional, conventional, notOneHot))).Message, StringComparison.Ordinal);

        // MLDG needs every training row in a cluster.
        var z = new float[120 * Clusters];
        var unclustered = inputs.Select(i => i.Name == "train_z" ? TaskInput.Float32("train_z", z, 120, Clusters) : i).ToList();
        Assert.Contains("inputs.train_z", (await Assert.ThrowsAsync<TrainingEngineException>(() => Run(MixedEffectsModels.Mldg, """{"model":"mldg","epochs":1}""", unclustered))).Message, StringComparison.Ordinal);

        // The ME-MLP's roles given to the conventional preset: "random" is not one of its roles.
        var ex = await Assert.ThrowsAsync<TrainingEngineException>(() => Run(MixedEffectsModels.MeMlp, conventional));
        Assert.Contains("models.random", ex.Message, StringComparison.Ordinal);

        // A random-effects layer over the wrong number of clusters names its role.
        var roles = MixedEffectsModels.Roles(MixedEffectsModels.MeMlp, 2, Clusters + 1, 2);
        var models = roles.Select(r => Engine.Trainer.CreateModel(r.Description, TrainingDevice.Cpu)).ToList();
        try
        {
            var wrong = await Assert.ThrowsAsync<TrainingEngineException>(() => TaskData.Runner.RunAsync(
                new TrainingTaskRequest("mixed_effects", [.. roles.Select((r, i) => new TaskModel(r.Role, models[i]))], inputs, """{"model":"me_mlp","epochs":1}""")));
            Assert.Contains("models.", wrong.Message, StringComparison.Ordinal);
        }
        finally
        {
            models.ForEach(m => m.Dispose());
        }
    }
}
