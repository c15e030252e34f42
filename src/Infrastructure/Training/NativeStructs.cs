using System.Runtime.InteropServices;

namespace DigitForge.Infrastructure.Training;

// Mirrors of the structs in native/include/digitforge_engine.h (ABI version 1); sizes are checked by tests.

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

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeEvalSet
{
    public byte* Name;
    public float* X;
    public long* Y;
    public long Rows;
}

[StructLayout(LayoutKind.Sequential)]
internal struct NativeTrainResult
{
    public long Updates;
    public double Seconds;
    public double CpuSeconds;
    public int Threads;
    public int Fused;
}
