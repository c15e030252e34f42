using System.Runtime.InteropServices;
using DigitForge.Infrastructure.Training;

namespace DigitForge.EngineTests;

public sealed class EngineInfoTests
{
    [Fact]
    public void Describe_reports_the_versions_the_library_and_the_cpu()
    {
        var info = Engine.Trainer.Describe();

        Assert.Equal(NativeMethods.AbiVersion, info.AbiVersion);
        Assert.Equal("1.0.0", info.EngineVersion);
        Assert.Matches(@"^\d+\.\d+", info.TorchVersion);
        Assert.EndsWith(EngineLibrary.FileName, info.LibraryPath, StringComparison.Ordinal);
        Assert.True(info.CpuThreads >= 1);
        Assert.Equal(info.CudaAvailable, info.CudaDeviceName is not null);
        Assert.Equal(info.CudaAvailable, info.CudaDeviceCount > 0);
    }

    [Fact]
    public void Managed_structs_match_the_C_header_layouts()
    {
        // digitforge_engine.h, ABI 1: 4 x int32, 2 x int64, char[256], char[128]; 3 x int64 + 2 x int32; 4 x 8 bytes; int64 + 2 x double + 2 x int32.
        Assert.Equal(416, Marshal.SizeOf<NativeDeviceInfo>());
        Assert.Equal(32, Marshal.SizeOf<NativeModelInfo>());
        Assert.Equal(88, Marshal.SizeOf<NativeArray>());
        Assert.Equal(24, Marshal.SizeOf<NativeTaskModel>());
        Assert.Equal(32, Marshal.SizeOf<NativeMetric>());
        Assert.Equal(40, Marshal.SizeOf<NativeImage>());
        Assert.Equal(24, Marshal.SizeOf<NativeArtifact>());
        Assert.Equal(32, Marshal.SizeOf<NativeTaskCallbacks>());
        Assert.Equal(40, Marshal.SizeOf<NativeTaskResult>());
    }
}
