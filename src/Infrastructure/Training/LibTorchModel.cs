using System.Buffers;
using System.Runtime.InteropServices;
using DigitForge.Application.Training;

namespace DigitForge.Infrastructure.Training;

/// <summary>A model in the native engine, owned through a <see cref="SafeModelHandle"/>.</summary>
internal sealed unsafe class LibTorchModel : ITrainableModel
{
    private readonly SafeModelHandle _handle;
    private readonly int _inputSize;
    private int _busy;

    public LibTorchModel(SafeModelHandle handle, ModelDescription description)
    {
        _handle = handle;
        Description = description;
        NativeModelInfo info;
        EngineStatus.Check(NativeMethods.ModelInfo(handle, &info));
        ParameterCount = info.ParameterCount;
        _inputSize = checked((int)info.InputSize);
        OutputSize = checked((int)info.OutputSize);
        Device = info.Device == NativeMethods.DeviceCuda ? TrainingDevice.Cuda : TrainingDevice.Cpu;
    }

    public ModelDescription Description { get; }

    public TrainingDevice Device { get; }

    public long ParameterCount { get; }

    public int OutputSize { get; }

    public Task<TrainingReport> TrainClassifierAsync(
        ClassifierRecipe recipe,
        LabeledData train,
        IReadOnlyList<LabeledData> evaluation,
        IProgress<TrainingMetric>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(evaluation);
        CheckRows(train, nameof(train));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var set in evaluation)
        {
            CheckRows(set, nameof(evaluation));
            if (string.IsNullOrEmpty(set.Name) || set.Name == TrainingMetric.BatchSplit || !names.Add(set.Name))
            {
                throw new ArgumentException(
                    $"Evaluation sets need distinct names other than \"{TrainingMetric.BatchSplit}\"; got \"{set.Name}\".", nameof(evaluation));
            }
        }

        string recipeJson = RecipeJson.Write(recipe);
        cancellationToken.ThrowIfCancellationRequested();
        Enter();
        // A thread of its own: the native loop blocks it for the whole run; the caller awaits.
        return Task.Factory.StartNew(
            () =>
            {
                try
                {
                    return Train(recipeJson, train, evaluation, progress, cancellationToken);
                }
                finally
                {
                    Exit();
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }

    public float[] Forward(ReadOnlySpan<float> features, int layerCount = -1)
    {
        long rows = RowsOf(features);
        int width = OutputSizeAt(layerCount);
        var output = new float[checked(rows * width)];
        Enter();
        try
        {
            fixed (float* x = features)
            fixed (float* y = output)
            {
                EngineStatus.Check(NativeMethods.ModelForward(_handle, x, rows, layerCount, y, output.LongLength));
            }
        }
        finally
        {
            Exit();
        }

        return output;
    }

    public int OutputSizeAt(int layerCount)
    {
        long size;
        Enter();
        try
        {
            EngineStatus.Check(NativeMethods.ModelOutputSize(_handle, layerCount, &size));
        }
        finally
        {
            Exit();
        }

        return checked((int)size);
    }

    public long[] Predict(ReadOnlySpan<float> features)
    {
        long rows = RowsOf(features);
        var labels = new long[rows];
        Enter();
        try
        {
            fixed (float* x = features)
            fixed (long* y = labels)
            {
                EngineStatus.Check(NativeMethods.ModelPredict(_handle, x, rows, y));
            }
        }
        finally
        {
            Exit();
        }

        return labels;
    }

    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Enter();
        try
        {
            EngineStatus.Check(NativeMethods.ModelSave(_handle, Path.GetFullPath(path)));
        }
        finally
        {
            Exit();
        }
    }

    public void Dispose() => _handle.Dispose();

    private TrainingReport Train(
        string recipeJson, LabeledData train, IReadOnlyList<LabeledData> evaluation, IProgress<TrainingMetric>? progress, CancellationToken cancellationToken)
    {
        var pins = new List<MemoryHandle>(2 + (2 * evaluation.Count));
        var names = new List<nint>(evaluation.Count);
        using var run = new TrainingRun(progress);
        var self = GCHandle.Alloc(run);
        try
        {
            var sets = new NativeEvalSet[evaluation.Count];
            for (int i = 0; i < sets.Length; i++)
            {
                var set = evaluation[i];
                pins.Add(set.Features.Pin());
                pins.Add(set.Labels.Pin());
                names.Add(Marshal.StringToCoTaskMemUTF8(set.Name));
                sets[i] = new NativeEvalSet
                {
                    Name = (byte*)names[i],
                    X = (float*)pins[^2].Pointer,
                    Y = (long*)pins[^1].Pointer,
                    Rows = set.Rows,
                };
            }

            pins.Add(train.Features.Pin());
            pins.Add(train.Labels.Pin());
            var trainX = (float*)pins[^2].Pointer;
            var trainY = (long*)pins[^1].Pointer;
            NativeTrainResult result;
            int status;
            using (cancellationToken.Register(static state => ((TrainingRun)state!).Cancel(), run))
            {
                fixed (NativeEvalSet* setsPointer = sets)
                {
                    status = NativeMethods.TrainClassifier(
                        _handle, recipeJson, trainX, trainY, train.Rows, setsPointer, sets.Length,
                        &TrainingRun.OnMetric, GCHandle.ToIntPtr(self), run.CancelFlag, &result);
                }
            }

            run.ThrowIfCallbackFailed();
            EngineStatus.Check(status, cancellationToken);
            return new TrainingReport(result.Updates, TimeSpan.FromSeconds(result.Seconds), TimeSpan.FromSeconds(result.CpuSeconds), result.Threads, [.. run.Metrics], result.Fused != 0);
        }
        finally
        {
            self.Free();
            foreach (nint name in names)
            {
                Marshal.FreeCoTaskMem(name);
            }

            foreach (var pin in pins)
            {
                pin.Dispose();
            }
        }
    }

    private void CheckRows(LabeledData data, string parameter)
    {
        if (data.Features.Length != (long)data.Rows * _inputSize)
        {
            throw new ArgumentException(
                $"{data.Name}: {data.Rows} labels need {(long)data.Rows * _inputSize} features ({_inputSize} per row), got {data.Features.Length}.",
                parameter);
        }
    }

    private long RowsOf(ReadOnlySpan<float> features)
    {
        if (features.Length % _inputSize != 0)
        {
            throw new ArgumentException($"{features.Length} features are not a whole number of rows of {_inputSize}.", nameof(features));
        }

        return features.Length / _inputSize;
    }

    private void Enter()
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException("The model is busy (training or another call); models are not for concurrent use.");
        }
    }

    private void Exit() => Volatile.Write(ref _busy, 0);
}
