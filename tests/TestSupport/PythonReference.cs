using System.Diagnostics;
using System.Text;
using Xunit;
using Xunit.Abstractions;

namespace DigitForge.TestSupport;

/// <summary>
/// Runs Debian's Python (/usr/bin/python3, which has python3-numpy, python3-pil, ...) to cross-check our outputs
/// against the reference libraries. The python3 on PATH may be another interpreter without them, so never use it;
/// <see cref="InterpreterVariable"/> points the checks at another Python that has the modules.
/// </summary>
public static class PythonReference
{
    public const string DefaultInterpreter = "/usr/bin/python3";

    /// <summary>Overrides <see cref="DefaultInterpreter"/>, e.g. with a virtual environment's python.</summary>
    public const string InterpreterVariable = "DIGITFORGE_PYTHON";

    /// <summary>Set to 1 by the test script only where apt cannot install the modules; then such tests skip visibly.</summary>
    public const string SkipVariable = "DIGITFORGE_SKIP_PYTHON";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly Dictionary<string, bool> ModuleCache = new(StringComparer.Ordinal);

    /// <summary>The interpreter the cross-checks run: <see cref="InterpreterVariable"/> when set, else <see cref="DefaultInterpreter"/>.</summary>
    public static string Interpreter =>
        Environment.GetEnvironmentVariable(InterpreterVariable) is { Length: > 0 } path ? path : DefaultInterpreter;

    /// <summary>
    /// Runs <paramref name="script"/> (<c>python3 -c script args...</c>, so the arguments are <c>sys.argv[1:]</c>)
    /// and returns its standard output. Throws with standard error when Python fails or times out.
    /// </summary>
    public static string Run(string script, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(script);
        return Execute(["-c", script], script, args);
    }

    /// <summary>
    /// Runs a script file (<c>python3 path args...</c>) and returns its standard output. A relative
    /// <paramref name="path"/> is taken from the repository root (see <see cref="FindRepositoryFile"/>), e.g.
    /// <c>tests/UnitTests/Mnist1D/reference/mnist1d_reference.py</c>.
    /// </summary>
    public static string RunScript(string path, params string[] args)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string file = System.IO.Path.IsPathRooted(path) ? path : FindRepositoryFile(path);
        return Execute([file], file, args);
    }

    /// <summary>
    /// The absolute path of a file given relative to the repository root, found by walking up from the test
    /// assembly's folder (tests run from bin/ inside the repository).
    /// </summary>
    public static string FindRepositoryFile(string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = System.IO.Path.Combine(directory.FullName, relativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"Cannot find {relativePath} in any folder above {AppContext.BaseDirectory}.", relativePath);
    }

    private static string Execute(string[] interpreterArgs, string description, string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string interpreter = Interpreter;
        if (!File.Exists(interpreter))
        {
            throw new InvalidOperationException($"{interpreter} does not exist; install Debian's python3 or set {InterpreterVariable}.");
        }

        var startInfo = new ProcessStartInfo(interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (string arg in interpreterArgs)
        {
            startInfo.ArgumentList.Add(arg);
        }

        foreach (string arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        startInfo.Environment["PYTHONIOENCODING"] = "utf-8";
        startInfo.Environment["PYTHONDONTWRITEBYTECODE"] = "1";

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {interpreter}.");

        // Read both pipes concurrently: a full stderr pipe would otherwise block the child while we wait on stdout.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{interpreter} did not finish within {Timeout.TotalSeconds} s.{Environment.NewLine}{Describe(description, args)}");
        }

        process.WaitForExit(); // flushes the redirected streams
        string output = stdout.GetAwaiter().GetResult();
        string error = stderr.GetAwaiter().GetResult();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{interpreter} exited with code {process.ExitCode}.{Environment.NewLine}{error}{Environment.NewLine}{Describe(description, args)}");
        }

        return output;
    }

    /// <summary>
    /// <see cref="Require(ITestOutputHelper, string[])"/> for callers without a test output: returns when the modules
    /// import, skips the test (a message on stderr too) only when skipping was requested, otherwise the test fails.
    /// </summary>
    public static void Require(params string[] modules) => Require(StandardErrorOutput.Instance, modules);

    /// <summary>Whether <c>import module</c> works in the reference Python (cached per process).</summary>
    public static bool HasModule(string module)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(module);
        lock (ModuleCache)
        {
            if (!ModuleCache.TryGetValue(module, out bool available))
            {
                try
                {
                    Run("import importlib, sys; importlib.import_module(sys.argv[1])", module);
                    available = true;
                }
                catch (InvalidOperationException)
                {
                    available = false;
                }

                ModuleCache[module] = available;
            }

            return available;
        }
    }

    /// <summary>
    /// Guard for cross-check tests. Returns when the interpreter exists and all <paramref name="modules"/> import.
    /// Otherwise the test fails with how to install them, unless <see cref="SkipVariable"/>=1, in which case it throws
    /// xunit's skip (the test must be a [SkippableFact]/[SkippableTheory]) so it is reported as skipped, never green.
    /// </summary>
    public static void Require(ITestOutputHelper output, params string[] modules) =>
        Require(output, Environment.GetEnvironmentVariable(SkipVariable) == "1", modules);

    /// <summary><see cref="Require(ITestOutputHelper, string[])"/> with the skip decision passed in, so it can be tested without touching the process environment.</summary>
    internal static void Require(ITestOutputHelper output, bool skipRequested, string[] modules)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(modules);
        string interpreter = Interpreter;
        bool hasInterpreter = File.Exists(interpreter);
        string[] missing = hasInterpreter ? [.. modules.Where(m => !HasModule(m))] : modules;
        if (hasInterpreter && missing.Length == 0)
        {
            return;
        }

        string what = hasInterpreter
            ? $"Python module(s) {string.Join(", ", missing)} not available in {interpreter}"
            : $"{interpreter} does not exist";
        if (skipRequested)
        {
            string message = $"SKIPPED Python cross-check: {what}, and {SkipVariable}=1.";
            output.WriteLine(message);
            Console.Error.WriteLine(message);
            throw new SkipException(message);
        }

        var packages = missing.Select(DebianPackage).Prepend(hasInterpreter ? string.Empty : "python3").Where(p => p.Length > 0);
        throw new InvalidOperationException(
            $"{what}. Run the repository's test script, which installs them, or install them yourself: " +
            $"sudo apt-get install -y {string.Join(' ', packages)}, or point {InterpreterVariable} at a Python that has them. " +
            $"Only where apt is unavailable, set {SkipVariable}=1 to skip these checks.");
    }

    private static string DebianPackage(string module) => module switch
    {
        "PIL" => "python3-pil",
        "skimage" => "python3-skimage",
        "torch" => "python3-torch",
        _ => $"python3-{module}",
    };

    private static string Describe(string script, string[] args) =>
        $"Script:{Environment.NewLine}{script}{Environment.NewLine}Arguments: {string.Join(' ', args)}";

    private sealed class StandardErrorOutput : ITestOutputHelper
    {
        public static readonly StandardErrorOutput Instance = new();

        public void WriteLine(string message) => Console.Error.WriteLine(message);

        public void WriteLine(string format, params object[] args) => Console.Error.WriteLine(format, args);
    }
}
