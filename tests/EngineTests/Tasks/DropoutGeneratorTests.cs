using System.Security.Cryptography;
using DigitForge.Application.Training;
using Xunit.Abstractions;

namespace DigitForge.EngineTests.Tasks;

/// <summary>
/// Dropout masks come from a generator of the training task's own (native/src/layers/dropout.h), not libtorch's
/// process-wide one: trainings running at once in one process (a worker's two slots, a sweep's points side by side)
/// each give what they give alone.
/// </summary>
public sealed class DropoutGeneratorTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Classifier_trainings_with_dropout_running_at_once_in_one_process_each_draw_their_own_masks()
    {
        // The compositional backbone (dropout .1/.3/.5/.5 and .5) trains on the hand-written CPU path (one seed a
        // step from the generator) and, with Implementation = Torch, on autograd (a bernoulli mask a layer a step).
        // With the global generator shared by all, the interleaved draws changed every run's masks.
        var description = ModelJson.Serialize(DigitForge.Application.Experiments.Compositional.CompositionalModels.Backbone(12, 4, 1.0 / 16));
        var train = Engine.RandomData("train", 256, 144, 4, seed: 3);
        var recipe = new ClassifierRecipe
        {
            Optimizer = OptimizerKind.Sgd, LearningRate = 0.05, Momentum = 0.9, Epochs = 6, BatchSize = 16, BatchOrder = BatchOrder.Shuffled, EvalEvery = 0, Seed = 9,
        };
        var autograd = recipe with { Implementation = TrainingImplementation.Torch };

        async Task<(float[] Weights, bool Fused)> Train(ClassifierRecipe r)
        {
            using var model = Engine.Trainer.CreateModel(description, TrainingDevice.Cpu, seed: 7);
            var report = await model.TrainClassifierAsync(r, train, [train]);
            return (model.Forward(train.Features.Span), report.Fused);
        }

        var fusedAlone = await Train(recipe);
        var autogradAlone = await Train(autograd);
        Assert.True(fusedAlone.Fused);
        Assert.False(autogradAlone.Fused);
        // What a run alone gives, to compare engines by (the same before and after the per-task generator).
        output.WriteLine($"alone, fused: {Digest(fusedAlone.Weights)}; autograd: {Digest(autogradAlone.Weights)}");

        var together = await Task.WhenAll(
            Task.Run(() => Train(recipe)),
            Task.Run(() => Train(autograd)),
            Task.Run(() => Train(recipe)),
            Task.Run(() => Train(autograd)),
            Task.Run(() => Train(recipe with { Seed = 10 })));

        Assert.Equal(fusedAlone.Weights, together[0].Weights);
        Assert.Equal(autogradAlone.Weights, together[1].Weights);
        Assert.Equal(fusedAlone.Weights, together[2].Weights);
        Assert.Equal(autogradAlone.Weights, together[3].Weights);
        Assert.NotEqual(fusedAlone.Weights, together[4].Weights);
    }

    private static string Digest(float[] values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return Convert.ToHexString(SHA256.HashData(bytes))[..16];
    }
}
