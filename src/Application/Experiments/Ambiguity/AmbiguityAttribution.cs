using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using DigitForge.Application.Training;
using DigitForge.Application.Training.Tasks;

namespace DigitForge.Application.Experiments.Ambiguity;

/// <summary>Per image: |∂C/∂x| and integrated gradients from the all-black baseline, each [count, size, size].</summary>
public sealed record Attributions(float[] Saliency, float[] IntegratedGradients);

/// <summary>Runs the engine's <c>ambiguity-attribution</c> task (native/src/tasks/ambiguity.cpp) on a few images.</summary>
public static class AmbiguityAttribution
{
    public const string TaskName = "ambiguity-attribution";
    public const int Steps = 50;

    public static bool Available(ITrainingTaskRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        try
        {
            return runner.TaskNames.Contains(TaskName);
        }
        catch (TrainingEngineUnavailableException)
        {
            return false;
        }
    }

    public static async Task<Attributions> ComputeAsync(
        ITrainingTaskRunner runner, ITrainableModel classifier, float[] images, int count, int size, int threads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(classifier);
        string dir = Path.Combine(Path.GetTempPath(), $"digitforge-attribution-{Guid.NewGuid():N}");
        try
        {
            var recipe = new JsonObject { ["output_dir"] = dir, ["steps"] = Steps, ["baseline"] = -1.0, ["threads"] = threads };
            await runner.RunAsync(
                new TrainingTaskRequest(TaskName, [new TaskModel("classifier", classifier, Frozen: true)], [TaskInput.Float32("x", images, count, 1, size, size)], recipe.ToJsonString()),
                null, cancellationToken);
            return new Attributions(Read(Path.Combine(dir, "saliency.f32")), Read(Path.Combine(dir, "integrated_gradients.f32")));
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private static float[] Read(string path) => MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();
}
