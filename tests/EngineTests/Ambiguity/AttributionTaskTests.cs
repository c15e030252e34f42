using DigitForge.Application.Experiments.Ambiguity;
using DigitForge.Application.Experiments.Gasten;
using DigitForge.Application.Training;
using DigitForge.EngineTests.Tasks;

namespace DigitForge.EngineTests.Ambiguity;

/// <summary>The ambiguity-attribution task: saliency is |dC/dx| (finite differences agree) and integrated gradients are complete.</summary>
public sealed class AttributionTaskTests
{
    [Fact]
    public async Task Saliency_matches_finite_differences_and_integrated_gradients_sum_to_the_output_change()
    {
        using var model = Engine.Trainer.CreateModel(GastenClassifierModels.Create("cnn", 2), TrainingDevice.Cpu, seed: 7);
        const int rows = 3;
        float[] x = TaskData.Images(rows, seed: 3);
        Assert.Contains(AmbiguityAttribution.TaskName, TaskData.Runner.TaskNames);
        var a = await AmbiguityAttribution.ComputeAsync(TaskData.Runner, model, x, rows, 28, 1, CancellationToken.None);
        Assert.Equal(rows * 784, a.Saliency.Length);
        Assert.Equal(rows * 784, a.IntegratedGradients.Length);
        Assert.All(a.Saliency, v => Assert.True(v >= 0 && float.IsFinite(v)));
        float[] black = [.. Enumerable.Repeat(-1f, 784)];
        for (int r = 0; r < rows; r++)
        {
            float[] image = x.AsSpan(r * 784, 784).ToArray();
            // The three most salient pixels: a one-sided difference of C there agrees with |dC/dx| (one side: ReLU and
            // max-pool kinks make the two sides differ where a step crosses one).
            float c0 = model.Forward(image)[0];
            foreach (int p in Enumerable.Range(0, 784).OrderByDescending(i => a.Saliency[(r * 784) + i]).Take(3))
            {
                const float h = 1e-3f;
                float[] up = (float[])image.Clone();
                float[] down = (float[])image.Clone();
                up[p] += h;
                down[p] -= h;
                double forward = Math.Abs((model.Forward(up)[0] - c0) / (double)h);
                double backward = Math.Abs((c0 - model.Forward(down)[0]) / (double)h);
                double s = a.Saliency[(r * 784) + p];
                Assert.True(Math.Min(Math.Abs(forward - s), Math.Abs(backward - s)) <= (0.1 * s) + 1e-5,
                    $"image {r} pixel {p}: one-sided differences {forward} / {backward}, saliency {s}");
            }

            // Completeness: Σ IG = C(x) − C(black), up to the 50-step Riemann sum's error.
            double change = model.Forward(image)[0] - model.Forward(black)[0];
            double sum = a.IntegratedGradients.AsSpan(r * 784, 784).ToArray().Sum(v => (double)v);
            Assert.True(Math.Abs(sum - change) <= (0.05 * Math.Abs(change)) + 1e-3, $"image {r}: Σ IG {sum}, C(x) − C(black) {change}");
        }
    }
}
