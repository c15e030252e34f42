namespace DigitForge.Application.Training.Tasks;

/// <summary>What a running task reports; called on the training thread.</summary>
public interface ITaskObserver
{
    void OnMetric(TaskMetric metric);

    void OnImage(TaskImage image);

    void OnArtifact(TaskArtifact artifact);
}

/// <param name="Step">Epoch or optimiser step, as the task reports.</param>
/// <param name="Split"><c>batch</c>, <c>train</c>, <c>test</c>, ...</param>
/// <param name="Name"><c>loss</c>, <c>acc</c>, <c>g_loss</c>, ...</param>
public sealed record TaskMetric(long Step, string Split, string Name, double Value);

/// <summary>uint8 pixels, row-major, channels last (1 = gray, 3 = RGB).</summary>
public sealed record TaskImage(string Name, long Step, int Height, int Width, int Channels, byte[] Pixels);

/// <summary>A file the task wrote (a checkpoint, ...).</summary>
public sealed record TaskArtifact(string Name, long Step, string Path);
