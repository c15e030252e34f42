using System.Text.Json.Nodes;
using DigitForge.Application.Experiments.MixedEffects;
using DigitForge.Domain.Datasets;

namespace DigitForge.UnitTests.MixedEffects;

/// <summary>Leave-one-cluster-out splits (spec §2.2) and the aggregate table.</summary>
public sealed class LocoTests
{
    // 4 clusters x 2 classes x 50 rows: each (class, cluster) stratum has 50 rows.
    private static ClusteredData Data()
    {
        int rows = 4 * 2 * 50;
        var x = new float[rows * 2];
        var y = new long[rows];
        var c = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            c[i] = i / 100;
            y[i] = i / 50 % 2;
            x[2 * i] = i;
            x[(2 * i) + 1] = -i;
        }

        return new ClusteredData(x, y, c, 2, [2], 2, 4, ["", "", "", ""]);
    }

    [Fact]
    public void A_fold_holds_out_one_cluster_and_splits_the_rest_stratified()
    {
        var data = Data();
        var fold = LocoFold.Make(data, 2, evaluateTest: false, seed: 8);
        Assert.All(fold.Unseen, i => Assert.Equal(2, data.Cluster[i]));
        Assert.Equal(100, fold.Unseen.Length);
        // 20 % of each 50-row stratum (10) to test; then 12.5 % of the remaining 40 (5) to validation.
        Assert.Equal(6 * 10, fold.Test.Length);
        Assert.Equal(6 * 5, fold.Validation.Length);
        Assert.Equal(6 * 35, fold.Train.Length);
        foreach (var group in fold.Test.GroupBy(i => (data.Y[i], data.Cluster[i])))
        {
            Assert.Equal(10, group.Count());
        }

        var all = fold.Train.Concat(fold.Validation).Concat(fold.Test).Concat(fold.Unseen).ToList();
        Assert.Equal(data.Rows, all.Distinct().Count());
        Assert.Equal(all.Count, all.Distinct().Count());

        var again = LocoFold.Make(data, 2, evaluateTest: false, seed: 8);
        Assert.Equal(fold.Test, again.Test);
        Assert.NotEqual(fold.Test, LocoFold.Make(data, 2, evaluateTest: false, seed: 9).Test);
        Assert.Empty(LocoFold.Make(data, 2, evaluateTest: true, seed: 8).Validation);
    }

    [Fact]
    public void Z_drops_the_held_out_column_and_is_zero_for_the_unseen_cluster()
    {
        var data = Data();
        var fold = LocoFold.Make(data, 1, evaluateTest: true, seed: 8);
        float[] z = fold.Z(data, [0, 150, 250, 399]); // clusters 0, 1 (held out), 2, 3
        Assert.Equal([1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1], z);
        Assert.Equal([0, 0, 1, 0, 0, 1], fold.ZFor(4, 3, 2));
        Assert.Equal(new float[6], fold.ZFor(4, 1, 2));
    }

    [Fact]
    public void Aggregates_are_mean_and_sample_sd_with_paired_tests_against_conventional()
    {
        static LocoScore Score(string model, int fold, double test) =>
            new(model, fold, $"run-{model}-{fold}", new Dictionary<string, PartitionScore> { [LocoResults.Test] = new(test, test, test) });
        LocoScore[] scores =
        [
            Score("conventional", 0, 0.70), Score("conventional", 1, 0.72), Score("conventional", 2, 0.74),
            Score("me_mlp", 0, 0.75), Score("me_mlp", 1, 0.76), Score("me_mlp", 2, 0.80),
        ];
        var rows = LocoResults.Aggregate(scores, ["conventional", "me_mlp"]);
        var conventional = Assert.Single(rows, r => r.Model == "conventional");
        Assert.Equal(0.72, conventional.Mean, 12);
        Assert.Equal(0.02, conventional.Sd, 12);
        Assert.True(double.IsNaN(conventional.P));
        var me = Assert.Single(rows, r => r.Model == "me_mlp");
        // Differences 0.05, 0.04, 0.06: mean 0.05, s.d. 0.01, t = 0.05 / (0.01 / sqrt 3) = 8.660254.
        Assert.Equal(8.660254037844386, me.T, 6);
        Assert.InRange(me.P, 0.0130, 0.0131);
        var summary = LocoResults.Summary(scores, ["conventional", "me_mlp"], 3, [], []);
        Assert.Contains(summary.Tables[0].Rows, r => r.Cells[0] == "ME-MLP" && r.Cells[2] == "0.770 (0.026)");
    }

    [Fact]
    public void Unknown_or_missing_models_are_refused_by_name()
    {
        Assert.Equal(["conventional", "me_mlp"], MixedEffectsLocoKind.ParseModels(" conventional, me_mlp ,conventional"));
        Assert.Contains("'resnet'", Assert.Throws<ArgumentException>(() => MixedEffectsLocoKind.ParseModels("conventional,resnet")).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => MixedEffectsLocoKind.ParseModels(" , "));
    }

    [Fact]
    public void The_recipe_uses_keras_adam_epsilon_as_the_reference()
    {
        // The reference trains with tf.keras.optimizers.Adam() defaults: lr 1e-3, epsilon 1e-7 (libtorch's default is 1e-8).
        var kind = new MixedEffectsLocoKind(null!, null!, null!, null!, null!);
        var recipe = JsonNode.Parse(MixedEffectsLocoKind.Recipe(ParameterValues.WithDefaults(kind.Parameters), "conventional", 0, "", 8))!;
        Assert.Equal("adam", (string?)recipe["optimizer"]!["type"]);
        Assert.Equal(1e-3, (double)recipe["optimizer"]!["learning_rate"]!);
        Assert.Equal(1e-7, (double)recipe["optimizer"]!["eps"]!);
        Assert.Equal(32, (int)recipe["batch_size"]!);
    }

    [Fact]
    public void Reseeding_each_fold_gives_every_fold_the_same_initial_weights_and_stream()
    {
        // The notebook's cross_validate calls tf.random.set_seed(seed) before each fold: the same model starts every
        // fold from the same weights and shuffling stream. Off (the default), each fold and role draws its own.
        var kind = new MixedEffectsLocoKind(null!, null!, null!, null!, null!);
        Assert.False(ParameterValues.WithDefaults(kind.Parameters).GetBoolean(MixedEffectsLocoKind.ReseedEachFoldParameter));
        for (int role = 0; role < 3; role++)
        {
            Assert.Equal(MixedEffectsLocoKind.WeightSeed(1267, 0, role, reseed: true), MixedEffectsLocoKind.WeightSeed(1267, 7, role, reseed: true));
            Assert.NotEqual(MixedEffectsLocoKind.WeightSeed(1267, 0, role, reseed: false), MixedEffectsLocoKind.WeightSeed(1267, 7, role, reseed: false));
        }

        Assert.NotEqual(MixedEffectsLocoKind.WeightSeed(1267, 3, 0, reseed: true), MixedEffectsLocoKind.WeightSeed(1267, 3, 1, reseed: true));
        Assert.Equal(MixedEffectsLocoKind.TrainingSeed(1267, 0, reseed: true), MixedEffectsLocoKind.TrainingSeed(1267, 9, reseed: true));
        Assert.NotEqual(MixedEffectsLocoKind.TrainingSeed(1267, 0, reseed: false), MixedEffectsLocoKind.TrainingSeed(1267, 9, reseed: false));
        // Off keeps the seeds runs A-C used.
        Assert.Equal(1267UL + 2000 + 1, MixedEffectsLocoKind.WeightSeed(1267, 2, 1, reseed: false));
        Assert.Equal(1267UL + 2, MixedEffectsLocoKind.TrainingSeed(1267, 2, reseed: false));
    }
}
