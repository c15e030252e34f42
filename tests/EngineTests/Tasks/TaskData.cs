using DigitForge.Application.Experiments.Gan;
using DigitForge.Application.Training;
using DigitForge.Application.Training.Tasks;
using DigitForge.Infrastructure.Training;
using Microsoft.Extensions.Options;

namespace DigitForge.EngineTests.Tasks;

/// <summary>The task runner as the application registers it, small models and data for the task tests.</summary>
internal static class TaskData
{
    public static LibTorchTaskRunner Runner { get; } = new(Options.Create(new EngineOptions()));

    /// <summary>A DCGAN of the spec's shape, narrow enough (4 filters, z 8) to train a few steps in a test.</summary>
    public static ModelDescription SmallGenerator => DcganModels.Generator(zDim: 8, filterDim: 4);

    public static ModelDescription SmallDiscriminator => DcganModels.Discriminator(filterDim: 4);

    /// <summary>rows 28x28 images in [-1, 1]: a bright bar at a row-dependent place on a dark background, plus noise.</summary>
    public static float[] Images(int rows, int seed)
    {
        var random = new Random(seed);
        var pixels = new float[rows * 784];
        for (int r = 0; r < rows; r++)
        {
            int column = 6 + (r % 16);
            for (int i = 0; i < 28; i++)
            {
                for (int j = 0; j < 28; j++)
                {
                    float value = Math.Abs(j - column) <= 1 && i is > 4 and < 24 ? 0.9f : -0.9f;
                    pixels[(r * 784) + (i * 28) + j] = value + (float)((random.NextDouble() - 0.5) * 0.1);
                }
            }
        }

        return pixels;
    }

    public static TaskInput ImagesInput(int rows, int seed) => TaskInput.Float32("train_x", Images(rows, seed), rows, 1, 28, 28);

    public static string TempDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "digitforge-tasks-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public static string Json(string path) => System.Text.Json.JsonSerializer.Serialize(path);
}

/// <summary>Keeps everything a task reports.</summary>
internal sealed class Recorder : ITaskObserver
{
    public List<TaskMetric> Metrics { get; } = [];

    public List<TaskImage> Images { get; } = [];

    public List<TaskArtifact> Artifacts { get; } = [];

    public Action<TaskMetric>? OnEachMetric { get; init; }

    public void OnMetric(TaskMetric metric)
    {
        Metrics.Add(metric);
        OnEachMetric?.Invoke(metric);
    }

    public void OnImage(TaskImage image) => Images.Add(image);

    public void OnArtifact(TaskArtifact artifact) => Artifacts.Add(artifact);
}
