namespace DigitForge.Infrastructure.Training;

/// <summary>Configuration section <c>DigitForge:Engine</c>.</summary>
public sealed class EngineOptions
{
    public const string SectionName = "DigitForge:Engine";

    /// <summary>
    /// The native library (a file, or a folder holding libdigitforge_engine.so). Unset: next to the assemblies, then
    /// native/build/lib of the source tree the assemblies were built in.
    /// </summary>
    public string? LibraryPath { get; set; }

    /// <summary>
    /// The BLAS libtorch's matrix products use: <c>auto</c> (default) loads the OpenBLAS copy scripts/build-native.sh
    /// puts in <c>blas/</c> beside the engine when there is one, so it serves libtorch's <c>libblas.so.3</c> instead
    /// of the system's (netlib's reference BLAS on Debian: 3-8x slower for the MLP); <c>system</c> leaves the system's;
    /// a path loads that <c>libblas.so.3</c>.
    /// </summary>
    public string? Blas { get; set; }
}
