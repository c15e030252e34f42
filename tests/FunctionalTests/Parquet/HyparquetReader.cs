using System.Diagnostics;
using System.Text.Json;

namespace DigitForge.FunctionalTests.Parquet;

/// <summary>
/// hyparquet (npm, pure JavaScript) as an independent Parquet reader: installed once with <c>npm install</c> into
/// &lt;temp&gt;/digitforge-fixtures/hyparquet; tests that need it are skipped, saying why, when node or npm cannot get it.
/// </summary>
internal static class HyparquetReader
{
    public const string Version = "1.33.0";

    private static readonly Lazy<(string? Directory, string Reason)> Installed = new(Install);

    public static string? SkipReason => Installed.Value.Directory is null ? Installed.Value.Reason : null;

    public static JsonElement Read(string parquetFile)
    {
        string directory = Installed.Value.Directory ?? throw new InvalidOperationException(Installed.Value.Reason);
        var (code, output, error) = Run("node", directory, Path.Combine(directory, "read-parquet.mjs"), parquetFile);
        Assert.True(code == 0, $"hyparquet could not read {parquetFile}: {error}");
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    private static (string?, string) Install()
    {
        string directory = Path.Combine(Path.GetTempPath(), "digitforge-fixtures", $"hyparquet-{Version}");
        string script = Path.Combine(AppContext.BaseDirectory, "Parquet", "read-parquet.mjs");
        try
        {
            Directory.CreateDirectory(directory);
            File.Copy(script, Path.Combine(directory, "read-parquet.mjs"), overwrite: true);
            if (!File.Exists(Path.Combine(directory, "node_modules", "hyparquet", "package.json")))
            {
                File.WriteAllText(Path.Combine(directory, "package.json"), """{"name": "digitforge-parquet-check", "private": true, "type": "module"}""");
                var (code, _, error) = Run("npm", directory, "install", "--silent", "--no-audit", "--no-fund", $"hyparquet@{Version}");
                if (code != 0)
                {
                    return (null, $"npm install hyparquet@{Version} failed: {error.Trim()}");
                }
            }

            var (nodeCode, _, nodeError) = Run("node", directory, "--version");
            return nodeCode == 0 ? (directory, string.Empty) : (null, $"node does not run: {nodeError}");
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException)
        {
            return (null, $"node/npm are not available to run hyparquet ({ex.Message}); install nodejs and npm");
        }
    }

    private static (int Code, string Output, string Error) Run(string program, string directory, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new IOException($"{program} could not be started");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, string.Empty, $"{program} timed out");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}

/// <summary>Runs only when hyparquet can be installed and run; otherwise skipped with the reason.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class HyparquetFactAttribute : FactAttribute
{
    public HyparquetFactAttribute()
    {
        if (HyparquetReader.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
