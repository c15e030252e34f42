namespace DigitForge.Application.Training.Tasks;

/// <summary>
/// Runs a named training task of the engine (<c>classifier</c>, <c>gan</c>, ...) over models in given roles, named
/// input arrays and a recipe (native ABI v2, <c>df_task_run</c>). Throws <see cref="TrainingEngineUnavailableException"/>
/// when the engine is not installed, <see cref="TrainingEngineException"/> for bad models, inputs or recipes (the
/// message names the field), and <see cref="OperationCanceledException"/> when cancelled (within one step).
/// </summary>
public interface ITrainingTaskRunner
{
    /// <summary>The tasks the installed engine offers.</summary>
    IReadOnlyList<string> TaskNames { get; }

    /// <summary>Runs on a dedicated thread; <paramref name="observer"/> is called on that thread (keep it quick).</summary>
    Task<TaskReport> RunAsync(TrainingTaskRequest request, ITaskObserver? observer = null, CancellationToken cancellationToken = default);
}
