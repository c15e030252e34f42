using System.Runtime.InteropServices;

namespace DigitForge.Infrastructure.Training;

// Mirrors of the structs in native/include/digitforge_engine.h (ABI version 2); sizes are checked by tests.

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeDeviceInfo
{
    public const int CudaNameLength = 256;
    public const int CpuNameLength = 128;

    public int CudaAvailable;
    public int CudaDeviceCount;
    public int CudaIndex;
    public int CpuThreads;
    public long TotalMemory;
    public long FreeMemory;
    public fixed byte CudaName[CudaNameLength];
    public fixed byte CpuName[CpuNameLength];
}

[StructLayout(LayoutKind.Sequential)]
internal struct NativeModelInfo
{
    public long ParameterCount;
    public long InputSize;
    public long OutputSize;
    public int LayerCount;
    public int Device;
}

/// <summary>df_array: a named row-major array handed to a task.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeArray
{
    public const int MaxRank = 8;
    public const int Float32 = 1;
    public const int Int64 = 2;

    public byte* Name;
    public int DType;
    public int Rank;
    public fixed long Shape[MaxRank];
    public void* Data;
}

/// <summary>df_task_model: a model in a role.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeTaskModel
{
    public byte* Role;
    public nint Model;
    public int Frozen;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeMetric
{
    public long Step;
    public byte* Split;
    public byte* Name;
    public double Value;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeImage
{
    public byte* Name;
    public long Step;
    public int Height;
    public int Width;
    public int Channels;
    public byte* Pixels;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeArtifact
{
    public byte* Name;
    public long Step;
    public byte* Path;
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeTaskCallbacks
{
    public nint UserData;
    public delegate* unmanaged<nint, NativeMetric*, void> Metric;
    public delegate* unmanaged<nint, NativeImage*, void> Image;
    public delegate* unmanaged<nint, NativeArtifact*, void> Artifact;
}

[StructLayout(LayoutKind.Sequential)]
internal struct NativeTaskResult
{
    public long Updates;
    public long Epochs;
    public double Seconds;
    public double CpuSeconds;
    public int Threads;
    public int Fused;
}
