namespace DigitForge.Application.Training;

/// <summary>The training engine as loaded: versions, where it came from and the devices it sees.</summary>
public sealed record EngineInfo(
    string EngineVersion,
    string TorchVersion,
    int AbiVersion,
    string LibraryPath,
    bool CudaAvailable,
    int CudaDeviceCount,
    string? CudaDeviceName,
    long? CudaTotalMemory,
    long? CudaFreeMemory,
    string CpuName,
    int CpuThreads)
{
    /// <summary>The BLAS library loaded for libtorch ahead of the system's, or null when it uses the system's.</summary>
    public string? BlasLibrary { get; init; }
}
