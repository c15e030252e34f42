using System.Runtime.InteropServices;
using DigitForge.Application.Training;
using DigitForge.Application.Training.Tasks;
using Microsoft.Extensions.Options;

namespace DigitForge.Infrastructure.Training;

/// <summary><see cref="ITrainingTaskRunner"/> over the engine's <c>df_task_run</c> (ABI v2).</summary>
public sealed class LibTorchTaskRunner : ITrainingTaskRunner
{
    public LibTorchTaskRunner(IOptions<EngineOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        EngineLibrary.Configure(options.Value.LibraryPath, options.Value.Blas);
    }

    public IReadOnlyList<string> TaskNames
    {
        get
        {
            EngineLibrary.EnsureLoaded();
            string names = Marshal.PtrToStringUTF8(NativeMethods.TaskNames()) ?? string.Empty;
            return names.Split(',', StringSplitOptions.RemoveEmptyEntries);
        }
    }

    public Task<TaskReport> RunAsync(TrainingTaskRequest request, ITaskObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Task);
        ArgumentNullException.ThrowIfNull(request.RecipeJson);
        var models = new List<NativeTaskModelRef>(request.Models.Count);
        foreach (var model in request.Models)
        {
            if (model.Model is not LibTorchModel native)
            {
                throw new ArgumentException($"models.{model.Role}: not a model of this engine ({model.Model?.GetType().Name ?? "null"}).", nameof(request));
            }

            models.Add(new NativeTaskModelRef(model.Role, native, model.Frozen));
        }

        var inputs = request.Inputs.Select(NativeTaskInputRef.From).ToList();
        foreach (var input in inputs)
        {
            input.Validate();
        }

        cancellationToken.ThrowIfCancellationRequested();
        EngineLibrary.EnsureLoaded();
        var entered = new List<LibTorchModel>(models.Count);
        try
        {
            foreach (var model in models.Select(m => m.Model).Distinct())
            {
                model.Enter();
                entered.Add(model);
            }
        }
        catch
        {
            entered.ForEach(m => m.Exit());
            throw;
        }

        // A thread of its own: the native loop blocks it for the whole run; the caller awaits.
        return Task.Factory.StartNew(
            () =>
            {
                try
                {
                    return NativeTask.Run(request.Task, models, inputs, request.RecipeJson, observer, cancellationToken);
                }
                finally
                {
                    entered.ForEach(m => m.Exit());
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }
}
