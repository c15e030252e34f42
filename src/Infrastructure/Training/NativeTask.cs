using System.Buffers;
using System.Runtime.InteropServices;
using DigitForge.Application.Training;
using DigitForge.Application.Training.Tasks;

namespace DigitForge.Infrastructure.Training;

/// <summary>One model of a native task call (the model must be entered, i.e. marked busy, by the caller).</summary>
internal sealed record NativeTaskModelRef(string Role, LibTorchModel Model, bool Frozen);

/// <summary>One input of a native task call: pinned for the call, read in place by the engine (no copy).</summary>
internal sealed record NativeTaskInputRef(string Name, int DType, IReadOnlyList<long> Shape, long Length, Func<MemoryHandle> Pin)
{
    public static NativeTaskInputRef From(TaskInput input) => input switch
    {
        Float32Input f => new(f.Name, NativeArray.Float32, f.Shape, f.Data.LongLength, () => f.Data.AsMemory().Pin()),
        Int64Input l => new(l.Name, NativeArray.Int64, l.Shape, l.Data.LongLength, () => l.Data.AsMemory().Pin()),
        _ => throw new ArgumentException($"Input {input.Name}: unknown input type {input.GetType().Name}.", nameof(input)),
    };

    public static NativeTaskInputRef Float32(string name, ReadOnlyMemory<float> data, params long[] shape) =>
        new(name, NativeArray.Float32, shape, data.Length, data.Pin);

    public static NativeTaskInputRef Int64(string name, ReadOnlyMemory<long> data, params long[] shape) =>
        new(name, NativeArray.Int64, shape, data.Length, data.Pin);

    /// <summary>Throws <see cref="ArgumentException"/> naming the input when its shape does not describe its data.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Name))
        {
            throw new ArgumentException("Every task input needs a name.", nameof(Name));
        }

        if (Shape.Count is < 1 or > NativeArray.MaxRank || Shape.Any(d => d < 0))
        {
            throw new ArgumentException($"inputs.{Name}: the shape needs 1 to {NativeArray.MaxRank} non-negative sizes.", nameof(Shape));
        }

        long product = Shape.Aggregate(1L, (p, d) => checked(p * d));
        if (product != Length)
        {
            throw new ArgumentException($"inputs.{Name}: shape [{string.Join(", ", Shape)}] needs {product} values, got {Length}.", nameof(Shape));
        }
    }
}

/// <summary>Calls <c>df_task_run</c> on the calling thread: marshals roles, names and arrays, pins the data, maps the status.</summary>
internal static unsafe class NativeTask
{
    public static TaskReport Run(
        string task,
        IReadOnlyList<NativeTaskModelRef> models,
        IReadOnlyList<NativeTaskInputRef> inputs,
        string recipeJson,
        ITaskObserver? observer,
        CancellationToken cancellationToken)
    {
        var strings = new List<nint>(models.Count + inputs.Count);
        var pins = new List<MemoryHandle>(inputs.Count);
        var addRefs = new List<SafeModelHandle>(models.Count);
        using var run = new NativeTaskRun(observer);
        var self = GCHandle.Alloc(run);
        try
        {
            var nativeModels = new NativeTaskModel[models.Count];
            for (int i = 0; i < models.Count; i++)
            {
                bool added = false;
                models[i].Model.Handle.DangerousAddRef(ref added);
                if (added)
                {
                    addRefs.Add(models[i].Model.Handle);
                }

                strings.Add(Marshal.StringToCoTaskMemUTF8(models[i].Role));
                nativeModels[i] = new NativeTaskModel
                {
                    Role = (byte*)strings[^1],
                    Model = models[i].Model.Handle.DangerousGetHandle(),
                    Frozen = models[i].Frozen ? 1 : 0,
                };
            }

            var arrays = new NativeArray[inputs.Count];
            for (int i = 0; i < inputs.Count; i++)
            {
                var input = inputs[i];
                pins.Add(input.Pin());
                strings.Add(Marshal.StringToCoTaskMemUTF8(input.Name));
                arrays[i].Name = (byte*)strings[^1];
                arrays[i].DType = input.DType;
                arrays[i].Rank = input.Shape.Count;
                for (int d = 0; d < input.Shape.Count; d++)
                {
                    arrays[i].Shape[d] = input.Shape[d];
                }

                arrays[i].Data = pins[^1].Pointer;
            }

            var callbacks = NativeTaskRun.Callbacks(self);
            NativeTaskResult result;
            int status;
            using (cancellationToken.Register(static state => ((NativeTaskRun)state!).Cancel(), run))
            {
                fixed (NativeTaskModel* modelPointer = nativeModels)
                fixed (NativeArray* arrayPointer = arrays)
                {
                    status = NativeMethods.TaskRun(
                        task, modelPointer, nativeModels.Length, arrayPointer, arrays.Length, recipeJson, &callbacks, run.CancelFlag, &result);
                }
            }

            run.ThrowIfCallbackFailed();
            EngineStatus.Check(status, cancellationToken);
            return new TaskReport(
                result.Updates, result.Epochs, TimeSpan.FromSeconds(result.Seconds), TimeSpan.FromSeconds(result.CpuSeconds), result.Threads, result.Fused != 0);
        }
        finally
        {
            self.Free();
            foreach (nint text in strings)
            {
                Marshal.FreeCoTaskMem(text);
            }

            foreach (var pin in pins)
            {
                pin.Dispose();
            }

            foreach (var handle in addRefs)
            {
                handle.DangerousRelease();
            }
        }
    }
}
