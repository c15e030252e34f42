using System.Runtime.InteropServices;
using DigitForge.Application.Training.Tasks;

namespace DigitForge.Infrastructure.Training;

/// <summary>
/// The managed side of one <c>df_task_run</c> call: owns the cancel flag the engine polls and turns the native
/// callbacks into <see cref="ITaskObserver"/> calls. An exception thrown by the observer cancels the run and is
/// rethrown after the native call returns (an exception must never unwind through native frames).
/// </summary>
internal sealed unsafe class NativeTaskRun : IDisposable
{
    private readonly ITaskObserver? _observer;
    private int* _cancelFlag;
    private Exception? _callbackError;

    public NativeTaskRun(ITaskObserver? observer)
    {
        _observer = observer;
        _cancelFlag = (int*)NativeMemory.AllocZeroed(sizeof(int));
    }

    public int* CancelFlag => _cancelFlag;

    public void Cancel() => Volatile.Write(ref *_cancelFlag, 1);

    public void ThrowIfCallbackFailed()
    {
        if (_callbackError is { } error)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }
    }

    /// <summary>The callback table for the engine; <paramref name="self"/> is a <see cref="GCHandle"/> to this run.</summary>
    public static NativeTaskCallbacks Callbacks(GCHandle self) => new()
    {
        UserData = GCHandle.ToIntPtr(self),
        Metric = &OnMetric,
        Image = &OnImage,
        Artifact = &OnArtifact,
    };

    [UnmanagedCallersOnly]
    private static void OnMetric(nint user, NativeMetric* metric) =>
        Dispatch(user, run => run._observer?.OnMetric(new TaskMetric(metric->Step, Utf8(metric->Split), Utf8(metric->Name), metric->Value)));

    [UnmanagedCallersOnly]
    private static void OnImage(nint user, NativeImage* image) =>
        Dispatch(user, run =>
        {
            if (run._observer is null)
            {
                return;
            }

            long length = (long)image->Height * image->Width * image->Channels;
            var pixels = new ReadOnlySpan<byte>(image->Pixels, checked((int)length)).ToArray();
            run._observer.OnImage(new TaskImage(Utf8(image->Name), image->Step, image->Height, image->Width, image->Channels, pixels));
        });

    [UnmanagedCallersOnly]
    private static void OnArtifact(nint user, NativeArtifact* artifact) =>
        Dispatch(user, run => run._observer?.OnArtifact(new TaskArtifact(Utf8(artifact->Name), artifact->Step, Utf8(artifact->Path))));

    private static void Dispatch(nint user, Action<NativeTaskRun> action)
    {
        if (GCHandle.FromIntPtr(user).Target is not NativeTaskRun run || run._callbackError is not null)
        {
            return;
        }

        try
        {
            action(run);
        }
#pragma warning disable CA1031 // An exception escaping an UnmanagedCallersOnly method ends the process.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            run._callbackError = ex;
            run.Cancel();
        }
    }

    private static string Utf8(byte* text) => Marshal.PtrToStringUTF8((nint)text) ?? string.Empty;

    public void Dispose()
    {
        if (_cancelFlag != null)
        {
            NativeMemory.Free(_cancelFlag);
            _cancelFlag = null;
        }
    }
}
