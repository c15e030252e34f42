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

            if (set.Name == "train" && !(set.Features.Equals(train.Features) && set.Labels.Equals(train.Labels)))
            {
                throw new ArgumentException("An evaluation set named \"train\" must be the training data itself.", nameof(evaluation));
            }
        }

        string recipeJson = RecipeJson.Write(recipe, [.. evaluation.Select(s => s.Name)]);
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

    /// <summary>
    /// The classifier through the engine's "classifier" task: train_x/train_y, each evaluation set as
    /// &lt;name&gt;_x/&lt;name&gt;_y (a set named "train" must be the training data itself), the task's loss/acc
    /// metric pairs folded back into <see cref="TrainingMetric"/>s.
    /// </summary>
    private TrainingReport Train(
        string recipeJson, LabeledData train, IReadOnlyList<LabeledData> evaluation, IProgress<TrainingMetric>? progress, CancellationToken cancellationToken)
    {
        var inputs = new List<NativeTaskInputRef>(2 + (2 * evaluation.Count))
        {
            NativeTaskInputRef.Float32("train_x", train.Features, train.Rows, _inputSize),
            NativeTaskInputRef.Int64("train_y", train.Labels, train.Rows),
        };
        foreach (var set in evaluation.Where(s => s.Name != "train"))
        {
            inputs.Add(NativeTaskInputRef.Float32(set.Name + "_x", set.Features, set.Rows, _inputSize));
            inputs.Add(NativeTaskInputRef.Int64(set.Name + "_y", set.Labels, set.Rows));
        }

        var observer = new ClassifierMetrics(progress);
        var report = NativeTask.Run("classifier", [new NativeTaskModelRef("model", this, false)], inputs, recipeJson, observer, cancellationToken);
        return new TrainingReport(report.Updates, report.Elapsed, report.CpuTime, report.Threads, observer.Metrics, report.Fused);
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

    internal SafeModelHandle Handle => _handle;

    internal void Enter()
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException("The model is busy (training or another call); models are not for concurrent use.");
        }
    }

    internal void Exit() => Volatile.Write(ref _busy, 0);
}
