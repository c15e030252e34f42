using DigitForge.Application.Experiments.Compositional;
using DigitForge.Domain.Corruptions.Compositions;

namespace DigitForge.UnitTests.Compositional;

/// <summary>How compositions flow through the methods, the method list, the results' grouping and the models' shapes.</summary>
public sealed class CompositionalPlanTests
{
    [Fact]
    public void AutoModules_apply_earlier_levels_first_and_the_same_level_in_name_order()
    {
        using var method = new TrainedMethod(CompositionalMethods.AutoModules, "run");
        method.SetLevel("swirl", 16);
        method.SetLevel("rotate90", 16);
        method.SetLevel("invert", 4);
        method.SetLevel("contrast", 4);

        string pipeline = method.Pipeline(["swirl", "invert", "rotate90", "contrast"]).ToJsonString();

        Assert.Equal("""[{"role":"backbone","to":4},{"role":"module.contrast"},{"role":"module.invert"},{"role":"backbone","from":4,"to":16},{"role":"module.rotate90"},{"role":"module.swirl"},{"role":"backbone","from":16}]""", pipeline);
        Assert.Equal("""[{"role":"backbone"}]""", method.Pipeline(["identity"]).ToJsonString());
    }

    [Fact]
    public void ImgSpace_chains_the_autoencoders_in_name_order_and_monolithic_methods_use_one_model()
    {
        using var img = new TrainedMethod(CompositionalMethods.ImgSpace, "run");
        Assert.Equal("""[{"role":"ae.gaussian_blur"},{"role":"ae.invert"},{"role":"classifier"}]""", img.Pipeline(["invert", "gaussian_blur"]).ToJsonString());
        Assert.Equal("""[{"role":"classifier"}]""", img.Pipeline(["identity"]).ToJsonString());
        using var ce = new TrainedMethod(CompositionalMethods.CrossEntropy, "run");
        Assert.Equal("""[{"role":"model"}]""", ce.Pipeline(["invert", "swirl"]).ToJsonString());
    }

    [Fact]
    public void Methods_parse_case_insensitively_in_canonical_order_and_unknown_ones_are_named()
    {
        Assert.Equal([CompositionalMethods.CrossEntropy, CompositionalMethods.ImgSpace], CompositionalMethods.Parse("imgspace, crossentropy,ImgSpace"));
        var ex = Assert.Throws<FormatException>(() => CompositionalMethods.Parse("CrossEntropy,Mixup"));
        Assert.Contains("'Mixup'", ex.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => CompositionalMethods.Parse(" , "));
    }

    [Fact]
    public void The_fallback_levels_are_the_specs()
    {
        Assert.Equal(CompositionalModels.FirstConvLevel, CompositionalTrainer.FallbackLevel("contrast"));
        Assert.Equal(CompositionalModels.FirstConvLevel, CompositionalTrainer.FallbackLevel("impulse_noise"));
        Assert.Equal(CompositionalModels.LastConvLevel, CompositionalTrainer.FallbackLevel("rotate90"));
        Assert.Equal(CompositionalModels.LastConvLevel, CompositionalTrainer.FallbackLevel("swirl"));
    }

    [Fact]
    public void The_dtn_has_the_specs_shape_and_the_module_levels_sit_after_conv_blocks()
    {
        var full = CompositionalModels.Backbone(28, 47, 1.0);
        // 4 x (conv, bn, relu, dropout), flatten, linear 1024 -> 512, bn, relu, dropout, linear 512 -> 47.
        Assert.Equal(22, full.Layers.Count);
        Assert.Contains(full.Layers, l => l is DigitForge.Application.Training.Layers.LinearLayer { InFeatures: 1024, OutFeatures: 512 });
        Assert.Equal([64, 14, 14], CompositionalModels.ActivationShape(28, 1.0, CompositionalModels.FirstConvLevel));
        Assert.Equal([256, 2, 2], CompositionalModels.ActivationShape(28, 1.0, CompositionalModels.LastConvLevel));
        Assert.Equal([16, 14, 14], CompositionalModels.ActivationShape(28, 0.25, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => CompositionalModels.ActivationShape(28, 1.0, 5));
    }

    [Fact]
    public void Results_group_by_length_and_find_where_modular_methods_gain_most()
    {
        var names = DefaultCompositions.Names().Select(n => string.Join('-', n)).ToList();
        string[] methods = [CompositionalMethods.CrossEntropy, CompositionalMethods.AutoModules];
        var tested = Enumerable.Repeat(10L, names.Count).ToArray();
        // CrossEntropy: 10/10 on elementals, 2/10 beyond; AutoModules: 9/10 everywhere but 10/10 on invert-swirl.
        var ce = names.Select(n => n.Contains('-', StringComparison.Ordinal) ? 2L : 10L).ToArray();
        var modules = names.Select(n => n == "invert-swirl" ? 10L : 9L).ToArray();
        var result = new CompositionalEvaluator.Result(names, new Dictionary<string, long[]> { [methods[0]] = ce, [methods[1]] = modules }, tested);

        var results = new CompositionalResults(result, methods);

        Assert.Equal([1, 2, 3, 4, 5, 6], results.DistinctLengths);
        Assert.Equal(1.0, results.MeanAtLength(CompositionalMethods.CrossEntropy, 1));
        Assert.Equal(0.2, results.UnseenMean(CompositionalMethods.CrossEntropy), 10);
        // Length 2 has 30 compositions, one at 100 %: (29 * 0.9 + 1) / 30; lengths 3-6 at 0.9.
        Assert.Equal(((((29 * 0.9) + 1) / 30) + (4 * 0.9)) / 5, results.UnseenMean(CompositionalMethods.AutoModules), 10);
        var gains = results.ModularGains(3);
        Assert.Equal("invert-swirl", names[gains[0].Composition]);
        Assert.Equal(0.8, gains[0].Gain, 10);
        var (height, width, pixels) = results.Heatmap(cell: 2, rowHeight: 3);
        Assert.Equal(6, height);
        Assert.Equal((167 * 2) + 5, width);
        Assert.Equal(height * width * 3, pixels.Length);
        var summary = results.Summary(new Dictionary<string, string> { [methods[0]] = "a", [methods[1]] = "b" });
        Assert.Equal(167, summary.Tables.Single(t => t.Id == "compositional-accuracy").Rows.Count);
        Assert.Equal(["CrossEntropy", "100.0 %", "20.0 %", "20.0 %", "20.0 %", "20.0 %", "20.0 %", "20.0 %"], summary.Tables[0].Rows[0].Cells);
    }
}
