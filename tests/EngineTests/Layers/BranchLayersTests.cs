using System.Runtime.InteropServices;
using System.Text.Json;
using DigitForge.Application.Experiments.Compositional;
using DigitForge.Application.Training;
using DigitForge.Application.Training.Layers;
using DigitForge.TestSupport;
using Xunit.Abstractions;

namespace DigitForge.EngineTests.Layers;

/// <summary>
/// The <c>branches</c> (concat and sum), <c>avg_pool2d</c> and <c>adaptive_avg_pool2d</c> layers against PyTorch
/// (branch_layers_reference.py beside this file): the engine's weights (its checkpoint, read with torch.jit.load) in a
/// PyTorch model of the same layers; the evaluation-mode logits and one SGD step's parameter updates (the gradient,
/// times the learning rate; against float64 PyTorch, beside PyTorch's own float32 error) must agree. Also the compositional backbones built from them against torchvision's own
/// ResNet-18 (CIFAR form) and Inception-v3, and bad fields named by their path.
/// </summary>
public sealed class BranchLayersTests(ITestOutputHelper output)
{
    private const string Script = "tests/EngineTests/Layers/branch_layers_reference.py";
    private const double LearningRate = 0.1;
    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Every new layer in one small network: a ResNet block (sum), an Inception block with a nested split, both pools.</summary>
    private static ModelDescription Mixed() => new(
        [3, 9, 9],
        [
            new Conv2dLayer(3, 4, 3, Padding: 1), new BatchNorm2dLayer(4), new ReluLayer(),
            CompositionalResNet.BasicBlock(4, 6, 2), new ReluLayer(),
            new BranchesLayer(
            [
                [new Conv2dLayer(6, 3, 1)],
                [new AvgPool2dLayer(3, 1, Padding: 1), new Conv2dLayer(6, 2, 1, Bias: false), new BatchNorm2dLayer(2, Eps: 1e-3)],
                [
                    new Conv2dLayer(6, 2, new SpatialPair(1, 3), Padding: new SpatialPair(0, 1)), new ReluLayer(),
                    new BranchesLayer([[new Conv2dLayer(2, 2, new SpatialPair(1, 3), Padding: new SpatialPair(0, 1))], [new Conv2dLayer(2, 3, new SpatialPair(3, 1), Padding: new SpatialPair(1, 0))]]),
                ],
                [new MaxPool2dLayer(3, 1, Padding: 1)],
            ]),
            new AvgPool2dLayer(3, 2, Padding: 1, CountIncludePad: false),
            new AdaptiveAvgPool2dLayer(1), new FlattenLayer(), new LinearLayer(16, 5),
        ]);

    [SkippableFact]
    public void Branches_and_average_pools_match_pytorch_forward_and_one_sgd_step()
    {
        var description = Mixed();
        string json = ModelJson.Serialize(description);
        Assert.Contains("""{"type":"branches","branches":[[{"type":"conv2d","in_channels":4,"out_channels":6,"kernel_size":3,"stride":2,"padding":1,""", json, StringComparison.Ordinal);
        Assert.Contains("\"merge\":\"sum\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kernel_size\":[1,3],\"stride\":1,\"padding\":[0,1]", json, StringComparison.Ordinal);
        Assert.Contains("""{"type":"avg_pool2d","kernel_size":3,"stride":2,"padding":1,"count_include_pad":false,"ceil_mode":false}""", json, StringComparison.Ordinal);
        Assert.Contains("""{"type":"adaptive_avg_pool2d","output_size":1}""", json, StringComparison.Ordinal);
        Assert.Equal(json, ModelJson.Serialize(ModelJson.Deserialize(json)));

        var result = CrossCheck(description, null, rows: 6, classes: 5);
        Assert.True(result.Parameters >= 20, $"{result.Parameters} parameters compared");
    }

    [SkippableFact]
    public void The_resnet18_backbone_is_torchvisions_resnet18_in_its_cifar_form()
    {
        var backbone = CompositionalResNet.Build(32, 3, 10, 1.0);
        Assert.Equal(11_173_962, backbone.Model.Layers.Sum(ParameterCount));
        Assert.Equal([3, 7, 11, 15, 19], backbone.Levels.Select(l => l.Level));
        Assert.Equal([512, 4, 4], backbone.Levels[^1].Shape);
        CrossCheck(backbone.Model, "torchvision:resnet18-cifar:10:3,32,32", rows: 4, classes: 10);
    }

    [SkippableFact]
    public void The_inception_backbone_is_torchvisions_inception_v3_without_aux_logits()
    {
        var backbone = CompositionalInception.Build(100, 3, 388, 1.0);
        Assert.Equal([3, 10, 17, 20, 25, 28], backbone.Levels.Select(l => l.Level));
        Assert.Equal([[32, 49, 49], [64, 23, 23], [192, 10, 10], [288, 10, 10], [768, 4, 4], [2048, 1, 1]], backbone.Levels.Select(l => l.Shape));
        // Dropout draws differ between the two libraries: the step is compared without it (eval-mode logits are unaffected).
        var withoutDropout = backbone.Model with { Layers = [.. backbone.Model.Layers.Where(l => l is not DropoutLayer)] };
        CrossCheck(withoutDropout, "torchvision:inception_v3:388:3,100,100", rows: 8, classes: 388);
    }

    [Theory]
    [InlineData("resnet18", 0.25)]
    [InlineData("resnet18", 1.0 / 16)]
    [InlineData("inception", 0.25)]
    [InlineData("inception", 1.0 / 16)]
    public void Every_module_level_has_the_activation_shape_the_backbone_declares(string name, double width)
    {
        var backbone = name == "resnet18" ? CompositionalResNet.Build(32, 3, 10, width) : CompositionalInception.Build(100, 3, 388, width);
        using var model = Engine.Trainer.CreateModel(backbone.Model, TrainingDevice.Cpu);
        foreach (var (level, shape) in backbone.Levels)
        {
            Assert.Equal(shape.Aggregate(1, (a, d) => a * d), model.OutputSizeAt(level));
        }

        // The penultimate representation (the contrastive losses') is the pooled features of the last level's channels.
        Assert.Equal(backbone.Levels[^1].Shape[0], model.OutputSizeAt(backbone.EmbeddingLayers));
        Assert.Equal(name == "resnet18" ? 10 : 388, model.OutputSize);
    }

    [Fact]
    public void Bad_fields_are_named_by_their_path()
    {
        static string Error(string layers) =>
            Assert.ThrowsAny<TrainingEngineException>(() => Engine.Trainer.CreateModel($$"""{"input_shape":[2,4,4],"layers":[{{layers}}]}""", TrainingDevice.Cpu)).Message;
        const string conv = """{"type":"conv2d","in_channels":2,"out_channels":3,"kernel_size":1}""";
        Assert.Contains("layers[0].branches: expected an array of at least two branches", Error($$"""{"type":"branches","branches":[[{{conv}}]]}"""), StringComparison.Ordinal);
        Assert.Contains("layers[0].merge: \"max\" is not one of concat, sum", Error($$"""{"type":"branches","branches":[[{{conv}}],[{{conv}}]],"merge":"max"}"""), StringComparison.Ordinal);
        Assert.Contains("layers[0].branches[1][0].kernel_size", Error($$"""{"type":"branches","branches":[[{{conv}}],[{"type":"conv2d","in_channels":2,"out_channels":3}]]}"""), StringComparison.Ordinal);
        Assert.Contains("layers[0].branches[1]: expected a non-empty array of layers", Error($$"""{"type":"branches","branches":[[{{conv}}],[]]}"""), StringComparison.Ordinal);
        string sum = Error($$"""{"type":"branches","branches":[[{{conv}}],[{"type":"relu"}]],"merge":"sum"}""");
        Assert.Contains("layers[0] (branches)", sum, StringComparison.Ordinal);
        Assert.Contains("branch 0 gives [2, 3, 4, 4] and branch 1 gives [2, 2, 4, 4]; sum needs the same shape", sum, StringComparison.Ordinal);
        string concat = Error($$"""{"type":"branches","branches":[[{{conv}}],[{"type":"max_pool2d","kernel_size":2}]]}""");
        Assert.Contains("branch 1 gives [2, 2, 2, 2]; concat needs the same shape but for dimension 1", concat, StringComparison.Ordinal);
        Assert.Contains("layers[0].padding: at most half the kernel size", Error("""{"type":"avg_pool2d","kernel_size":2,"padding":2}"""), StringComparison.Ordinal);
        Assert.Contains("layers[0].kernel_size", Error("""{"type":"avg_pool2d","kernel_size":0}"""), StringComparison.Ordinal);
        Assert.Contains("layers[0].output_size", Error("""{"type":"adaptive_avg_pool2d","output_size":[1,2,3]}"""), StringComparison.Ordinal);
        Assert.Contains("layers[0].count_include_pad", Error("""{"type":"avg_pool2d","kernel_size":2,"count_include_pad":1}"""), StringComparison.Ordinal);
    }

    private static long ParameterCount(LayerDescription layer) => layer switch
    {
        Conv2dLayer c => ((long)c.InChannels * c.OutChannels * c.KernelSize.Area) + (c.Bias ? c.OutChannels : 0),
        BatchNorm2dLayer b => 2L * b.NumFeatures,
        LinearLayer l => ((long)l.InFeatures * l.OutFeatures) + (l.Bias ? l.OutFeatures : 0),
        ResidualLayer r => r.Layers.Sum(ParameterCount),
        BranchesLayer b => b.Branches.Sum(branch => branch.Sum(ParameterCount)),
        _ => 0,
    };

    private sealed record Comparison(double ForwardDiff, double ForwardScale, double UpdateDiff, double UpdateScale, double UpdateNoise, int Parameters);

    /// <summary>Engine logits and one SGD step against the reference script's; returns what it measured, after asserting it.</summary>
    private Comparison CrossCheck(ModelDescription description, string? torchvision, int rows, int classes)
    {
        PythonReference.Require(output, "torch", "torchvision", "numpy");
        int width = description.InputShape.Aggregate(1, (a, d) => a * d);
        var data = Engine.RandomData("train", rows, width, classes, seed: 11);
        // Distinct labels where possible, so that the gradient is not one class's.
        long[] labels = [.. Enumerable.Range(0, rows).Select(i => (long)(i * 7 % classes))];
        data = data with { Labels = labels };
        string folder = Path.Combine(Path.GetTempPath(), $"digitforge-branches-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            using var model = Engine.Trainer.CreateModel(description, TrainingDevice.Cpu, seed: 3);
            float[] logits = model.Forward(data.Features.Span);
            string before = Path.Combine(folder, "before.pt"), after = Path.Combine(folder, "after.pt");
            model.Save(before);
            var recipe = new ClassifierRecipe { Optimizer = OptimizerKind.Sgd, LearningRate = LearningRate, BatchSize = rows, Epochs = 1, EvalEvery = 0 };
            model.TrainClassifierAsync(recipe, data, []).GetAwaiter().GetResult();
            model.Save(after);
            string spec = torchvision ?? Path.Combine(folder, "model.json");
            if (torchvision is null)
            {
                File.WriteAllText(spec, ModelJson.Serialize(description));
            }

            string x = Path.Combine(folder, "x.f32"), y = Path.Combine(folder, "y.i64"), outputs = Path.Combine(folder, "out.f32");
            File.WriteAllBytes(x, MemoryMarshal.AsBytes(data.Features.Span).ToArray());
            File.WriteAllBytes(y, MemoryMarshal.AsBytes(labels.AsSpan()).ToArray());
            File.WriteAllBytes(outputs, MemoryMarshal.AsBytes(logits.AsSpan()).ToArray());
            string json = PythonReference.RunScript(Script, spec, before, after, x, y, outputs, LearningRate.ToString(System.Globalization.CultureInfo.InvariantCulture));
            output.WriteLine(json);
            var r = JsonSerializer.Deserialize<Comparison>(json, SnakeCase)!;
            Assert.True(r.ForwardScale > 1e-3, "the logits are all near zero: the check would prove nothing");
            Assert.True(r.UpdateScale > 1e-5, "the step changed nothing: the check would prove nothing");
            Assert.True(r.ForwardDiff <= 1e-4 * Math.Max(1, r.ForwardScale), $"logits differ by up to {r.ForwardDiff:E2} (scale {r.ForwardScale:E2})");
            // Against float64 PyTorch: within 1e-3 of the update's scale, or (an ill-conditioned deep network) within
            // 3 times PyTorch's own float32 error.
            Assert.True(r.UpdateDiff <= Math.Max(1e-3 * r.UpdateScale, 3 * r.UpdateNoise),
                $"updates differ by up to {r.UpdateDiff:E2} (scale {r.UpdateScale:E2}, PyTorch float32 vs float64 {r.UpdateNoise:E2})");
            return r;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
