using System.Runtime.InteropServices;
using DigitForge.Application.Training;
using Microsoft.Extensions.Options;

namespace DigitForge.Infrastructure.Training;

/// <summary><see cref="ITrainer"/> over libdigitforge_engine (our C ABI over libtorch).</summary>
public sealed unsafe class LibTorchTrainer : ITrainer
{
    public LibTorchTrainer(IOptions<EngineOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        EngineLibrary.Configure(options.Value.LibraryPath, options.Value.Blas);
    }

    public EngineInfo Describe()
    {
        EngineLibrary.EnsureLoaded();
        NativeDeviceInfo info;
        EngineStatus.Check(NativeMethods.DeviceQuery(0, &info));
        return new EngineInfo(
            Marshal.PtrToStringUTF8(NativeMethods.EngineVersion()) ?? "?",
            Marshal.PtrToStringUTF8(NativeMethods.TorchVersion()) ?? "?",
            NativeMethods.AbiVersion,
            EngineLibrary.LoadedPath,
            info.CudaAvailable != 0,
            info.CudaDeviceCount,
            info.CudaIndex >= 0 ? Utf8(info.CudaName, NativeDeviceInfo.CudaNameLength) : null,
            info.TotalMemory >= 0 ? info.TotalMemory : null,
            info.FreeMemory >= 0 ? info.FreeMemory : null,
            Utf8(info.CpuName, NativeDeviceInfo.CpuNameLength),
            info.CpuThreads)
        {
            BlasLibrary = EngineLibrary.BlasPath,
        };
    }

    public ITrainableModel CreateModel(ModelDescription description, TrainingDevice device = TrainingDevice.Auto, ulong seed = 42)
    {
        ArgumentNullException.ThrowIfNull(description);
        EngineLibrary.EnsureLoaded();
        int status = NativeMethods.ModelCreate(ModelJson.Serialize(description), seed, ToNative(device), out var handle);
        return Wrap(status, handle, () => description);
    }

    /// <summary>
    /// A model from description JSON exactly as the engine reads it, so that errors (unknown layers, misspelt or
    /// missing settings) come from the engine's own parser with the field path.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "An instance member like the ITrainer overloads beside it.")]
    public ITrainableModel CreateModel(string descriptionJson, TrainingDevice device = TrainingDevice.Auto, ulong seed = 42)
    {
        ArgumentNullException.ThrowIfNull(descriptionJson);
        EngineLibrary.EnsureLoaded();
        int status = NativeMethods.ModelCreate(descriptionJson, seed, ToNative(device), out var handle);
        return Wrap(status, handle, () => ModelJson.Deserialize(Marshal.PtrToStringUTF8(NativeMethods.ModelDescription(handle)) ?? "null"));
    }

    public ITrainableModel LoadModel(string path, TrainingDevice device = TrainingDevice.Auto)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        EngineLibrary.EnsureLoaded();
        int status = NativeMethods.ModelLoad(Path.GetFullPath(path), ToNative(device), out var handle);
        return Wrap(status, handle, () => ModelJson.Deserialize(Marshal.PtrToStringUTF8(NativeMethods.ModelDescription(handle)) ?? "null"));
    }

    private static LibTorchModel Wrap(int status, SafeModelHandle handle, Func<ModelDescription> description)
    {
        try
        {
            EngineStatus.Check(status);
            return new LibTorchModel(handle, description());
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static int ToNative(TrainingDevice device) => device switch
    {
        TrainingDevice.Auto => NativeMethods.DeviceAuto,
        TrainingDevice.Cpu => NativeMethods.DeviceCpu,
        TrainingDevice.Cuda => NativeMethods.DeviceCuda,
        _ => throw new ArgumentOutOfRangeException(nameof(device), device, "Unknown device."),
    };

    private static string Utf8(byte* text, int capacity)
    {
        var span = new ReadOnlySpan<byte>(text, capacity);
        int end = span.IndexOf((byte)0);
        return System.Text.Encoding.UTF8.GetString(end >= 0 ? span[..end] : span);
    }
}
