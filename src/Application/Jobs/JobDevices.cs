using DigitForge.Application.Training;

namespace DigitForge.Application.Jobs;

/// <summary>The device a queued job asks for: <c>auto</c> becomes <c>cuda</c> when this engine sees a device (so the job takes the GPU slot), else <c>cpu</c>.</summary>
public static class JobDevices
{
    public static string Resolve(TrainingDevice device, ITrainer trainer)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        if (device != TrainingDevice.Auto)
        {
            return device.ToString().ToLowerInvariant();
        }

        try
        {
            return trainer.Describe().CudaAvailable ? "cuda" : "cpu";
        }
        catch (TrainingEngineException)
        {
            return "cpu"; // not installed here: the worker that runs it decides, and reports a missing engine itself
        }
    }
}
