using DigitForge.TestSupport;
using Xunit.Abstractions;

namespace DigitForge.IntegrationTests.TestSupport;

public class PythonReferenceTests(ITestOutputHelper output)
{
    private const string MissingModule = "digitforge_no_such_module";

    [SkippableFact]
    public void Run_passes_arguments_and_returns_stdout()
    {
        PythonReference.Require(output);

        Assert.Equal("['a b', 'c']", PythonReference.Run("import sys; print(sys.argv[1:])", "a b", "c").Trim());
    }

    [SkippableFact]
    public void Run_throws_with_stderr_when_python_fails()
    {
        PythonReference.Require(output);

        var ex = Assert.Throws<InvalidOperationException>(() => PythonReference.Run("import sys; sys.stderr.write('boom'); sys.exit(3)"));

        Assert.Contains("code 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("boom", ex.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void RunScript_runs_a_file_with_arguments()
    {
        PythonReference.Require(output);

        using var temp = new TempDirectory();
        string script = temp.File("echo.py");
        File.WriteAllText(script, "import sys\nprint('|'.join(sys.argv[1:]))\n");

        Assert.Equal("x|y z", PythonReference.RunScript(script, "x", "y z").Trim());
    }

    [SkippableFact]
    public void Repository_files_are_found_from_the_test_folder()
    {
        string path = PythonReference.FindRepositoryFile("tests/UnitTests/Mnist1D/reference/mnist1d_reference.py");

        Assert.True(Path.IsPathRooted(path));
        Assert.Throws<FileNotFoundException>(() => PythonReference.FindRepositoryFile("tests/no/such/file.py"));
    }

    [SkippableFact]
    public void A_missing_module_fails_the_test_with_install_instructions()
    {
        PythonReference.Require(output);

        Assert.False(PythonReference.HasModule(MissingModule));
        var ex = Assert.Throws<InvalidOperationException>(() => PythonReference.Require(output, skipRequested: false, [MissingModule]));
        Assert.Contains("apt-get install -y python3-" + MissingModule, ex.Message, StringComparison.Ordinal);
        Assert.Contains(PythonReference.SkipVariable, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_module_with_skip_requested_skips_the_test_and_says_so()
    {
        var recorder = new RecordingOutput();

        Assert.Throws<SkipException>(() => PythonReference.Require(recorder, skipRequested: true, [MissingModule]));

        Assert.Contains(recorder.Lines, line => line.StartsWith("SKIPPED", StringComparison.Ordinal) && line.Contains(MissingModule, StringComparison.Ordinal));
    }

    private sealed class RecordingOutput : ITestOutputHelper
    {
        public List<string> Lines { get; } = [];

        public void WriteLine(string message) => Lines.Add(message);

        public void WriteLine(string format, params object[] args) => Lines.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }
}
