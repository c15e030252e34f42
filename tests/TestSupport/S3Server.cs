using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DigitForge.TestSupport;

/// <summary>
/// A throw-away S3-compatible server for the tests: npm's <c>s3rver</c> (installed by scripts/test.sh into
/// tools/s3rver with <c>npm ci</c>) on a free 127.0.0.1 port, storing under a temp folder; any access key works.
/// Missing node or s3rver fails the tests with how to install them, unless <see cref="SkipVariable"/>=1 (then they
/// skip visibly), as for <see cref="PostgresServer"/>.
/// </summary>
public sealed class S3Server : IDisposable
{
    public const string SkipVariable = "DIGITFORGE_SKIP_S3";

    private readonly TempDirectory _root = new("digitforge-s3");
    private readonly Process _process;

    private S3Server(string node, string script)
    {
        Port = FreePort();
        _process = Process.Start(new ProcessStartInfo(node)
        {
            ArgumentList = { script, "--directory", _root.Path, "--address", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("Could not start s3rver.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (!Listening(Port))
        {
            if (_process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                Dispose();
                throw new InvalidOperationException($"s3rver did not start listening on 127.0.0.1:{Port}.");
            }

            Thread.Sleep(100);
        }
    }

    public int Port { get; }

    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Why S3 tests skip (null when they run).</summary>
    public static string? SkipReason { get; private set; }

    /// <summary>A started server, or null (with <see cref="SkipReason"/>) when it cannot run and skipping was requested.</summary>
    public static S3Server? Start()
    {
        string? node = FindOnPath("node");
        string script = Path.Combine(RepositoryRoot(), "tools", "s3rver", "node_modules", "s3rver", "bin", "s3rver.js");
        if (node is null || !File.Exists(script))
        {
            string reason = $"The S3 tests need node and s3rver ({script}): run `npm ci --prefix tools/s3rver` (scripts/test.sh does).";
            if (Environment.GetEnvironmentVariable(SkipVariable) == "1")
            {
                SkipReason = reason;
                return null;
            }

            throw new InvalidOperationException(reason + $" Set {SkipVariable}=1 to skip these tests instead.");
        }

        return new S3Server(node, script);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        _root.Dispose();
    }

    private static string RepositoryRoot()
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

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
