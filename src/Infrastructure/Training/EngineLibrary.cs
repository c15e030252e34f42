using System.Reflection;
using System.Runtime.InteropServices;
using DigitForge.Application.Training;

namespace DigitForge.Infrastructure.Training;

/// <summary>
/// Finds and loads libdigitforge_engine.so once per process and answers the runtime's lookups for
/// <see cref="NativeMethods.Library"/> with it. A missing or unloadable library becomes a
/// <see cref="TrainingEngineUnavailableException"/> that says how to build it; the process keeps running.
/// </summary>
internal static class EngineLibrary
{
    public const string FileName = "libdigitforge_engine.so";
    public const string BuildHint = "run scripts/build-native.sh";

    private static readonly Lock Gate = new();
    private static bool s_resolverInstalled;
    private static string? s_configuredPath;
    private static nint s_handle;
    private static string? s_loadedPath;
    private static string? s_blasSetting;
    private static string? s_blasPath;

    /// <summary>
    /// The configured location (file or folder) and BLAS choice (<see cref="EngineOptions.Blas"/>); they take effect
    /// if the library is not loaded yet.
    /// </summary>
    public static void Configure(string? path, string? blas = null)
    {
        lock (Gate)
        {
            if (!string.IsNullOrWhiteSpace(path))
            {
                s_configuredPath = path;
            }

            if (!string.IsNullOrWhiteSpace(blas))
            {
                s_blasSetting = blas;
            }
        }
    }

    public static string LoadedPath => s_loadedPath ?? string.Empty;

    /// <summary>The BLAS preloaded for libtorch, or null when libtorch uses the system's.</summary>
    public static string? BlasPath => s_blasPath;

    /// <summary>Loads the library (first call) and checks its ABI version; throws when it cannot.</summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (s_handle != 0)
            {
                return;
            }

            if (!s_resolverInstalled)
            {
                NativeLibrary.SetDllImportResolver(typeof(EngineLibrary).Assembly, Resolve);
                s_resolverInstalled = true;
            }

            var candidates = Candidates().ToList();
            string? found = candidates.FirstOrDefault(File.Exists);
            if (found is null)
            {
                throw new TrainingEngineUnavailableException(
                    $"The training engine is not installed: {BuildHint} (looked for {FileName} in: {string.Join(", ", candidates.Select(Path.GetDirectoryName).Distinct(StringComparer.Ordinal))}).");
            }

            nint handle;
            try
            {
                PreloadBlas(found);
                handle = NativeLibrary.Load(found);
            }
            catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException)
            {
                throw new TrainingEngineUnavailableException(
                    $"The training engine at {found} cannot be loaded ({ex.Message}); {BuildHint} (it installs libtorch).", ex);
            }

            int abi = ReadAbiVersion(handle);
            if (abi != NativeMethods.AbiVersion)
            {
                NativeLibrary.Free(handle);
                throw new TrainingEngineUnavailableException(
                    $"The training engine at {found} has ABI version {abi}, this build needs {NativeMethods.AbiVersion}: {BuildHint}.");
            }

            s_loadedPath = found;
            s_handle = handle;
        }
    }

    /// <summary>
    /// Loads the chosen <c>libblas.so.3</c> before the engine: the dynamic linker then binds libtorch's
    /// <c>libblas.so.3</c> dependency to the library already loaded under that soname, for this process only.
    /// OpenBLAS runs one thread per call unless OPENBLAS_NUM_THREADS says otherwise: libtorch already spreads work
    /// across cores, and the benchmark figures were taken that way.
    /// </summary>
    private static unsafe void PreloadBlas(string engine)
    {
        string setting = s_blasSetting ?? "auto";
        if (string.Equals(setting, "system", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        bool automatic = string.Equals(setting, "auto", StringComparison.OrdinalIgnoreCase);
        string candidate = automatic
            ? Path.Combine(Path.GetDirectoryName(engine) ?? ".", "blas", "libblas.so.3")
            : Path.GetFullPath(setting);
        if (automatic && !File.Exists(candidate) && SourceTreeLibraryFolder() is { } folder)
        {
            candidate = Path.Combine(folder, "blas", "libblas.so.3");
        }

        if (!File.Exists(candidate))
        {
            if (!automatic)
            {
                throw new TrainingEngineUnavailableException($"DigitForge:Engine:Blas names {candidate}, which does not exist (use auto, system or a libblas.so.3 path).");
            }

            return;
        }

        if (!NativeLibrary.TryLoad(candidate, out nint blas))
        {
            if (!automatic)
            {
                throw new TrainingEngineUnavailableException($"The BLAS library {candidate} (DigitForge:Engine:Blas) cannot be loaded.");
            }

            return;
        }

        if (Environment.GetEnvironmentVariable("OPENBLAS_NUM_THREADS") is null &&
            NativeLibrary.TryGetExport(blas, "openblas_set_num_threads", out nint setThreads))
        {
            ((delegate* unmanaged<int, void>)setThreads)(1);
        }

        s_blasPath = candidate;
    }

    private static unsafe int ReadAbiVersion(nint handle)
    {
        if (!NativeLibrary.TryGetExport(handle, "df_abi_version", out nint export))
        {
            return -1;
        }

        return ((delegate* unmanaged<int>)export)();
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (!string.Equals(libraryName, NativeMethods.Library, StringComparison.Ordinal))
        {
            return 0;
        }

        EnsureLoaded();
        return s_handle;
    }

    /// <summary>
    /// Where to look: only the configured path when there is one (a wrong setting should not be papered over),
    /// otherwise next to the assemblies, then native/build/lib of the source tree above them.
    /// </summary>
    private static IEnumerable<string> Candidates()
    {
        if (s_configuredPath is { } configured)
        {
            string full = Path.GetFullPath(configured);
            yield return Directory.Exists(full) ? Path.Combine(full, FileName) : full;
            yield break;
        }

        yield return Path.Combine(AppContext.BaseDirectory, FileName);
        if (SourceTreeLibraryFolder() is { } folder)
        {
            yield return Path.Combine(folder, FileName);
        }
    }

    /// <summary>native/build/lib of the source tree the assemblies were built in, or null outside one.</summary>
    private static string? SourceTreeLibraryFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "native", "CMakeLists.txt")))
            {
                return Path.Combine(directory.FullName, "native", "build", "lib");
            }
        }

        return null;
    }
}
