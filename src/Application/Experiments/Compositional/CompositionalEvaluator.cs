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
/// of image i / C), so memory stays bounded by the block whatever the test split's size. Each method sees a block in
/// one engine task (<c>pipeline-eval</c> with one segment of rows per composition, each with the method's pipeline
/// for it), so the per-task cost is paid once per block and method, not once per composition.
/// </summary>
public sealed class CompositionalEvaluator(DatasetSpecResolver resolver, DatasetInstances instances, ITrainingTaskRunner runner)
{
    /// <summary>Source images per block at most: with the 167 compositions about 21,000 rows.</summary>
    public const int ImagesPerBlock = 128;

    /// <summary>Float32 values a block's rows may hold (64 MB): colour sources get fewer images per block.</summary>
    public const int BlockFloats = 16 << 20;

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
        int perBlock = Math.Clamp(BlockFloats / Math.Max(1, count * pixels), 1, ImagesPerBlock);
        var block = new RowBlock(layout, Math.Min(perBlock, Math.Max(images, 1)) * count);
        var xs = new float[Math.Min(perBlock, Math.Max(images, 1)) * count * pixels];
        var ys = new long[Math.Min(perBlock, Math.Max(images, 1)) * count];
        // The same values as ElementalTrainingSet.Normalise(v / 255f), looked up.
        var normalised = new float[256];
        for (int v = 0; v < 256; v++)
        {
            normalised[v] = ElementalTrainingSet.Normalise(v / 255f);
        }

        var pipelines = methods.ToDictionary(m => m.Name, m => compositions.Select(m.Pipeline).ToList(), StringComparer.Ordinal);
        for (int first = 0; first < images; first += perBlock)
        {
            int take = Math.Min(perBlock, images - first);
            RowBlockFiller.Fill(rows, test, first * count, take * count, block, cancellationToken);
            byte[] pixelsU8 = block.Column<byte>(x);
            // Composition-major: the rows of composition c are c * take .. (c + 1) * take - 1.
            for (int c = 0; c < count; c++)
            {
                for (int i = 0; i < take; i++)
                {
                    int row = (i * count) + c;
                    int to = (c * take) + i;
                    if (imageShape[0] == 1)
                    {
                        var from = pixelsU8.AsSpan(row * pixels, pixels);
                        var into = xs.AsSpan(to * pixels, pixels);
                        for (int p = 0; p < pixels; p++)
                        {
                            into[p] = normalised[from[p]];
                        }
                    }
                    else
                    {
                        ElementalTrainingSet.ToChannelsFirst<byte>(pixelsU8.AsSpan(row * pixels, pixels), xs.AsSpan(to * pixels, pixels), imageShape[0], v => normalised[v]);
                    }

                    ys[to] = RowLabels.Class(block, row);
                }

                tested[c] += take;
            }

            foreach (var method in methods)
            {
                long[] perComposition = await CorrectAsync(method, pipelines[method.Name], take, xs, ys, imageShape, threads, cancellationToken);
                for (int c = 0; c < count; c++)
                {
                    correct[method.Name][c] += perComposition[c];
                }
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

    private async Task<long[]> CorrectAsync(
        TrainedMethod method, List<JsonArray> pipelines, int take, float[] x, long[] y, int[] imageShape, int threads, CancellationToken cancellationToken)
    {
        int rows = pipelines.Count * take;
        var segments = new JsonArray();
        var roles = new List<string>();
        foreach (var pipeline in pipelines)
        {
            foreach (var stage in pipeline)
            {
                string role = stage!["role"]!.GetValue<string>();
                if (!roles.Contains(role, StringComparer.Ordinal))
                {
                    roles.Add(role);
                }
            }

            segments.Add(new JsonObject { ["rows"] = take, ["pipeline"] = pipeline.DeepClone() });
        }

        var recipe = new JsonObject { ["segments"] = segments, ["batch_size"] = 1000, ["threads"] = threads };
        float[] xs = x.Length == rows * imageShape[0] * imageShape[1] * imageShape[2] ? x : x.AsSpan(0, rows * imageShape[0] * imageShape[1] * imageShape[2]).ToArray();
        long[] ysTake = y.Length == rows ? y : y.AsSpan(0, rows).ToArray();
        var request = new TrainingTaskRequest("pipeline-eval",
            [.. roles.Select(r => new TaskModel(r, method.Models[r], Frozen: true))],
            [TaskInput.Float32("x", xs, rows, imageShape[0], imageShape[1], imageShape[2]), TaskInput.Int64("y", ysTake, rows)],
            recipe.ToJsonString());
        var observer = new CorrectObserver(pipelines.Count);
        await runner.RunAsync(request, observer, cancellationToken);
        return observer.Correct;
    }

    private sealed class CorrectObserver(int segments) : ITaskObserver
    {
        public long[] Correct { get; } = new long[segments];

        public void OnMetric(TaskMetric metric)
        {
            if (metric.Split == "segment" && metric.Name == "correct")
            {
                Correct[metric.Step] = (long)metric.Value;
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
