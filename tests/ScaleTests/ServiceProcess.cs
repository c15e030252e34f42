using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DigitForge.ScaleTests;

/// <summary>
/// One DigitForge OS process (an API or a <c>digitforge worker</c>) started from the built binaries with its own
/// environment; its console output goes to a log file, so a failing test can show what the process said.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly object _gate = new();

    private ServiceProcess(string name, string logFile, ProcessStartInfo start)
    {
        Name = name;
        LogFile = logFile;
        _log = new StreamWriter(logFile) { AutoFlush = true };
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name}.");
        _process.OutputDataReceived += (_, e) => Write(e.Data);
        _process.ErrorDataReceived += (_, e) => Write(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public string LogFile { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>dotnet <paramref name="assembly"/> <paramref name="args"/></c> with <paramref name="environment"/> added.</summary>
    public static ServiceProcess Start(string name, string assembly, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, string logDirectory)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        start.ArgumentList.Add(assembly);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A clean slate: nothing of the test host's own configuration (ASPNETCORE_*, DigitForge__*) leaks in.
        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("DigitForge", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new ServiceProcess(name, Path.Combine(logDirectory, name + ".log"), start);
    }

    /// <summary>SIGKILL: no shutdown code runs, as when a machine dies or the OOM killer strikes.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit(10_000);
    }

    /// <summary>The last lines the process wrote (for assertion messages).</summary>
    public string Tail(int lines = 30)
    {
        lock (_gate)
        {
            _log.Flush();
        }

        try
        {
            using var reader = new StreamReader(new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            var all = reader.ReadToEnd().Split('\n');
            return $"--- {Name} (pid {Id}{(HasExited ? $", exited {_process.ExitCode}" : string.Empty)}) ---\n" + string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException ex)
        {
            return $"--- {Name}: log unreadable: {ex.Message}";
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        lock (_gate)
        {
            _log.Dispose();
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output after dispose (the process's last words): dropped.
            }
        }
    }

    // `dotnet test` names its host; elsewhere the one on PATH.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
