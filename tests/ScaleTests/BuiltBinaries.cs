namespace DigitForge.ScaleTests;

/// <summary>
/// The API and CLI assemblies of this build (<c>src/Api/bin/&lt;configuration&gt;/net10.0/DigitForge.Api.dll</c>,
/// <c>src/Cli/bin/.../digitforge.dll</c>), in the configuration the tests themselves were built in.
/// </summary>
public static class BuiltBinaries
{
    public const string EngineLibrary = "libdigitforge_engine.so";

    public static string RepositoryRoot { get; } = FindRoot();

    public static string Api => Path.Combine(OutputOf("Api"), "DigitForge.Api.dll");

    public static string Cli => Path.Combine(OutputOf("Cli"), "digitforge.dll");

    /// <summary>Why the scale tests cannot run (null when they can): a binary or the training engine is missing.</summary>
    public static string? Missing()
    {
        if (!File.Exists(Api) || !File.Exists(Cli))
        {
            return $"The scale tests start the built binaries, and {(File.Exists(Api) ? Cli : Api)} does not exist: build the solution first (scripts/build.sh).";
        }

        return File.Exists(Path.Combine(OutputOf("Cli"), EngineLibrary))
            ? null
            : $"The workers' jobs train with the engine and {EngineLibrary} is not next to {Cli}: scripts/build-native.sh could not build it (see engine-build-failed.txt).";
    }

    // .../tests/ScaleTests/bin/<Configuration>/<tfm>/: the same two last folders under src/<project>/bin.
    private static string OutputOf(string project)
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = output.Name;
        string configuration = output.Parent!.Name;
        return Path.Combine(RepositoryRoot, "src", project, "bin", configuration, framework);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Service.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The tests do not run inside the repository (no Service.sln above them).");
    }
}
