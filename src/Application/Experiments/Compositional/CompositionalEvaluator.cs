using System.Text.Json.Nodes;
using DigitForge.Application.Datasets;
using DigitForge.Application.Datasets.Specs;
using DigitForge.Application.Training.Tasks;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Datasets.Generators;

namespace DigitForge.Application.Experiments.Compositional;

/// <summary>
/// Tests trained methods on every composition of the compositional-benchmark generator's test split, built on the
/// fly from the source's test images exactly as the reference (floats between the steps, uint8 truncation at the
/// end; specs B.4). Streams: a block of source images under all compositions at a time (row i is composition i mod C
/// of image i / C), so memory stays bounded by the block whatever the test split's size.
/// </summary>
public sealed class CompositionalEvaluator(DatasetSpecResolver resolver, DatasetInstances instances, ITrainingTaskRunner runner)
{
    /// <summary>Source images per block: with the 167 compositions about 21,000 rows (16 MB of pixels for 28x28).</summary>
    public const int ImagesPerBlock = 128;

    /// <summary>The test spec: <paramref name="testImages"/> source test images under the default 167 compositions.</summary>
    public static string TestSpec(string source, int testImages, ulong seed) => new JsonObject
    {
        ["generator"] = CompositionalBenchmarkDatasetGenerator.GeneratorName,
        ["parameters"] = new JsonObject { ["source"] = source, ["compositions"] = "default" },
        ["splits"] = new JsonObject { ["train"] = 0, ["test"] = testImages * Domain.Corruptions.Compositions.DefaultCompositions.Count },
        ["seed"] = seed,
    }.ToJsonString();

    /// <summary>Correct predictions per method and composition, and the images each composition was tested on.</summary>
    public sealed record Result(IReadOnlyList<string> Compositions, IReadOnlyDictionary<string, long[]> Correct, long[] Tested)
    {
        public double Accuracy(string method, int composition) => Tested[composition] == 0 ? double.NaN : (double)Correct[method][composition] / Tested[composition];
    }

    public async Task<Result> EvaluateAsync(
        string specJson, IReadOnlyList<TrainedMethod> methods, int threads, Action<int, int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(methods);
        var resolved = resolver.Resolve(specJson);
        var rows = await instances.OpenAsync(resolved, cancellationToken);
        var layout = resolved.Layout;
        int test = resolved.Definition.SplitIndex(DatasetSplitNames.Test);
        int total = resolved.Definition.Splits[test].Rows;
        var names = ReadNames(rows);
        int count = names.Count;
        var compositions = names.Select(n => (IReadOnlyList<string>)n.Split('-')).ToList();
        int x = layout.IndexOf("x");
        int y = layout.LabelArrayIndex;
        var shape = layout.Arrays[x].RowShape;
        int pixels = shape.Aggregate(1, (a, b) => a * b);
        // Grey rows are (size, size), colour rows (size, size, channels): the engine takes (channels, size, size).
        int[] imageShape = [shape.Count == 3 ? shape[2] : 1, shape[0], shape[1]];
        var correct = methods.ToDictionary(m => m.Name, _ => new long[count], StringComparer.Ordinal);
        var tested = new long[count];
        int images = total / count;
        var block = new RowBlock(layout, Math.Min(ImagesPerBlock, Math.Max(images, 1)) * count);
        for (int first = 0; first < images; first += ImagesPerBlock)
        {
            int take = Math.Min(ImagesPerBlock, images - first);
            RowBlockFiller.Fill(rows, test, first * count, take * count, block, cancellationToken);
            byte[] pixelsU8 = block.Column<byte>(x);
            var xs = new float[take * pixels];
            var ys = new long[take];
            for (int c = 0; c < count; c++)
            {
                for (int i = 0; i < take; i++)
                {
                    int row = (i * count) + c;
                    ElementalTrainingSet.ToChannelsFirst<byte>(pixelsU8.AsSpan(row * pixels, pixels), xs.AsSpan(i * pixels, pixels), imageShape[0],
                        v => ElementalTrainingSet.Normalise(v / 255f));
                    ys[i] = RowLabels.Class(block, row);
                }

                foreach (var method in methods)
                {
                    correct[method.Name][c] += await CorrectAsync(method, compositions[c], xs, ys, imageShape, threads, cancellationToken);
                }

                tested[c] += take;
            }

            progress?.Invoke(first + take, images);
        }

        return new Result(names, correct, tested);
    }

    private static List<string> ReadNames(IDatasetRows rows)
    {
        string text = System.Text.Encoding.UTF8.GetString(rows.Extra(CompositionalBenchmarkDatasetGenerator.CompositionNamesExtra).Span);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    private async Task<long> CorrectAsync(TrainedMethod method, IReadOnlyList<string> composition, float[] x, long[] y, int[] imageShape, int threads, CancellationToken cancellationToken)
    {
        var pipeline = method.Pipeline(composition);
        var roles = pipeline.Select(s => s!["role"]!.GetValue<string>()).Distinct(StringComparer.Ordinal).ToList();
        var recipe = new JsonObject { ["pipeline"] = pipeline, ["batch_size"] = 1000, ["threads"] = threads };
        var request = new TrainingTaskRequest("pipeline-eval",
            [.. roles.Select(r => new TaskModel(r, method.Models[r], Frozen: true))],
            [TaskInput.Float32("x", x, y.Length, imageShape[0], imageShape[1], imageShape[2]), TaskInput.Int64("y", y, y.Length)],
            recipe.ToJsonString());
        var observer = new CorrectObserver();
        await runner.RunAsync(request, observer, cancellationToken);
        return observer.Correct;
    }

    private sealed class CorrectObserver : ITaskObserver
    {
        public long Correct { get; private set; }

        public void OnMetric(TaskMetric metric)
        {
            if (metric.Name == "correct")
            {
                Correct = (long)metric.Value;
            }
        }

        public void OnImage(TaskImage image)
        {
        }

        public void OnArtifact(TaskArtifact artifact)
        {
        }
    }
}
