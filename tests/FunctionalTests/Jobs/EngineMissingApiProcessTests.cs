using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DigitForge.TestSupport;
using Xunit.Abstractions;

namespace DigitForge.FunctionalTests.Jobs;

/// <summary>
/// The built API as its own process on a machine without the training engine (simulated the way such a machine looks:
/// <c>DigitForge__Engine__LibraryPath</c> names a file that does not exist). In process it cannot be tested: the
/// engine library is loaded once per process, and other tests in this one load it. A launch is a 503 naming the
/// cause, not a 202 and a failed job later; an API that only queues (RunJobs=false) still accepts it for its workers.
/// </summary>
public sealed class EngineMissingApiProcessTests(ITestOutputHelper output)
{
    private const string Launch = """{"parameters": {"model": "logistic", "steps": 5}}""";

    [Fact]
    public async Task A_launch_without_the_engine_is_a_503_saying_how_to_build_it()
    {
        string? dll = ApiDll();
        if (dll is null)
        {
            output.WriteLine("SKIPPED: src/Api/bin/<configuration>/net10.0/DigitForge.Api.dll is not built (scripts/build.sh builds it).");
            return;
        }

        using var data = new TempDirectory("digitforge-noengine");
        await using (var server = await ApiProcess.StartAsync(dll, data.Path, runJobs: true))
        {
            using var response = await server.Http.PostAsync(new Uri("/api/experiments/classifier/runs", UriKind.Relative), Json(Launch));
            string body = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, body);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Not queued: this job trains a model and the training engine is not installed: run scripts/build-native.sh", body, StringComparison.Ordinal);
            Assert.Equal("[]", await server.Http.GetStringAsync(new Uri("/api/jobs", UriKind.Relative)));
        }

        await using (var queueOnly = await ApiProcess.StartAsync(dll, data.Path, runJobs: false))
        {
            using var response = await queueOnly.Http.PostAsync(new Uri("/api/experiments/classifier/runs", UriKind.Relative), Json(Launch));
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        }
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    /// <summary>The API built from this checkout in the configuration the tests were built in.</summary>
    private static string? ApiDll()
    {
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Service.sln")))
            {
                string dll = Path.Combine(directory.FullName, "src", "Api", "bin", configuration, "net10.0", "DigitForge.Api.dll");
                return File.Exists(dll) ? dll : null;
            }
        }

        return null;
    }

    private sealed class ApiProcess : IAsyncDisposable
    {
        private readonly Process _process;

        private ApiProcess(Process process, HttpClient http)
        {
            _process = process;
            Http = http;
        }

        public HttpClient Http { get; }

        public static async Task<ApiProcess> StartAsync(string dll, string dataDir, bool runJobs)
        {
            int port;
            using (var listener = new TcpListener(IPAddress.Loopback, 0))
            {
                listener.Start();
                port = ((IPEndPoint)listener.LocalEndpoint).Port;
            }

            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = Path.GetDirectoryName(dll)!,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(dll);
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add($"http://127.0.0.1:{port}");
            start.Environment["DIGITFORGE_DATA_DIR"] = dataDir;
            start.Environment["DIGITFORGE_API_KEYS"] = string.Empty;
            start.Environment["DigitForge__Engine__LibraryPath"] = Path.Combine(dataDir, "no-engine", "libdigitforge_engine.so");
            start.Environment["DigitForge__Jobs__RunJobs"] = runJobs ? "true" : "false";
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
            var server = new ApiProcess(process, http);
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (DateTime.UtcNow < deadline)
            {
                Assert.False(process.HasExited, $"the API process exited with {(process.HasExited ? process.ExitCode : 0)}");
                try
                {
                    using var health = await http.GetAsync(new Uri("/health", UriKind.Relative));
                    if (health.IsSuccessStatusCode)
                    {
                        return server;
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(250);
            }

            await server.DisposeAsync();
            throw new TimeoutException("the API process did not answer /health within 2 minutes");
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }
    }
}
