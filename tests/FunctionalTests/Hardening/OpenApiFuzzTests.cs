using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace DigitForge.FunctionalTests.Hardening;

/// <summary>
/// Walks the OpenAPI document and sends malformed values for every parameter and every request body of every
/// operation, one at a time (the other parameters omitted), and asserts that nothing answers 5xx (issue 21,
/// finding 6). The count is bounded (values x parameters, bodies x operations), so it runs in well under two minutes.
/// </summary>
public sealed class OpenApiFuzzTests(HardeningApiFactory factory, ITestOutputHelper output) : IClassFixture<HardeningApiFactory>
{
    /// <summary>Values of the wrong type, out of range, empty, huge, with control characters or traversal.</summary>
    private static readonly string[] MalformedValues =
    [
        "", " ", "-1", "0", "abc", "1e309", "99999999999999999999", "NaN", "-2147483649", "0.5", "\u0000", "\t/\n",
        "../../../etc/passwd", "%", "\"", "null", "[]", "\u00e9\u2603\ud83d\ude00", new string('9', 400), new string('a', 2000), "1,2,3,x",
    ];

    /// <summary>Bodies that are not what any JSON endpoint takes.</summary>
    private static readonly string[] MalformedJsonBodies =
    [
        "", "{", "}", "[]", "null", "123", "\"text\"", "{\"a\":", "{\"a\":1,}", "[1,2", "\u0000",
        new string('[', 2000) + new string(']', 2000),
        "{\"x\":\"" + new string('x', 100_000) + "\"}",
    ];

    [Fact]
    public async Task No_operation_answers_5xx_to_malformed_parameters_or_bodies()
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        client.Timeout = TimeSpan.FromSeconds(60);
        string runId = await CreateRunAsync(client);
        using var document = JsonDocument.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"));
        var operations = Operations(document.RootElement).ToList();
        Assert.True(operations.Count >= 30, $"the document lists {operations.Count} operations");

        var failures = new List<string>();
        int sent = 0;
        var clock = Stopwatch.StartNew();
        foreach (var operation in operations)
        {
            foreach (var request in Requests(operation, runId))
            {
                sent++;
                using var message = request();
                string body = message.Content is null ? string.Empty : Encoding.UTF8.GetString(await message.Content.ReadAsByteArrayAsync());
                string description = $"{message.Method} {message.RequestUri} [{message.Content?.Headers.ContentType}] {body[..Math.Min(body.Length, 80)]}";
                HttpResponseMessage response;
                try
                {
                    response = await client.SendAsync(message);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    failures.Add($"{description} -> {ex.GetType().Name}: {ex.Message}");
                    continue;
                }

                using (response)
                {
                    if ((int)response.StatusCode >= 500)
                    {
                        string answer = await response.Content.ReadAsStringAsync();
                        failures.Add($"{description} -> {(int)response.StatusCode} {answer[..Math.Min(answer.Length, 300)]}");
                    }
                }
            }
        }

        output.WriteLine($"{sent} requests over {operations.Count} operations in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests answered 5xx:\n" + string.Join('\n', failures.Take(40)));
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"the fuzz took {clock.Elapsed}");
    }

    private static async Task<string> CreateRunAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/runs", new { experimentName = "fuzz" });
        response.EnsureSuccessStatusCode();
        using var run = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return run.RootElement.GetProperty("id").GetString()!;
    }

    private sealed record Operation(string Method, string Path, IReadOnlyList<Parameter> Parameters, IReadOnlyList<string> BodyTypes);

    private sealed record Parameter(string Name, string In);

    private static IEnumerable<Operation> Operations(JsonElement root)
    {
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject())
            {
                if (method.Name is "parameters" or "summary" or "description")
                {
                    continue;
                }

                var parameters = new List<Parameter>();
                if (method.Value.TryGetProperty("parameters", out var list))
                {
                    parameters.AddRange(list.EnumerateArray().Select(p => new Parameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!)));
                }

                var bodyTypes = new List<string>();
                if (method.Value.TryGetProperty("requestBody", out var body) && body.TryGetProperty("content", out var content))
                {
                    bodyTypes.AddRange(content.EnumerateObject().Select(c => c.Name));
                }

                yield return new Operation(method.Name.ToUpperInvariant(), path.Name, parameters, bodyTypes);
            }
        }
    }

    // Every request is a factory, so that each attempt gets a fresh message.
    private static IEnumerable<Func<HttpRequestMessage>> Requests(Operation operation, string runId)
    {
        var pathParameters = operation.Parameters.Where(p => p.In == "path").ToList();
        string Fill(Parameter? malformed, string value)
        {
            string path = operation.Path;
            foreach (var p in pathParameters)
            {
                string v = p == malformed ? value : GoodPathValue(p.Name, runId);
                path = path.Replace("{" + p.Name + "}", Uri.EscapeDataString(v), StringComparison.Ordinal);
            }

            return path;
        }

        var method = new HttpMethod(operation.Method);
        foreach (var parameter in operation.Parameters)
        {
            foreach (string value in MalformedValues)
            {
                if (parameter.In == "path")
                {
                    // An empty segment is another route; a NUL in the path Kestrel refuses (400) before the app sees it,
                    // and the in-process test server cannot send it.
                    if (value.Length == 0 || value.Contains('\0', StringComparison.Ordinal))
                    {
                        continue;
                    }

                    string url = Fill(parameter, value);
                    yield return () => WithBody(new HttpRequestMessage(method, url), operation);
                }
                else if (parameter.In == "query")
                {
                    string url = Fill(null, "") + "?" + Uri.EscapeDataString(parameter.Name) + "=" + Uri.EscapeDataString(value);
                    yield return () => WithBody(new HttpRequestMessage(method, url), operation);
                }
                else if (parameter.In == "header")
                {
                    string url = Fill(null, "");
                    yield return () =>
                    {
                        var message = WithBody(new HttpRequestMessage(method, url), operation);
                        message.Headers.TryAddWithoutValidation(parameter.Name, value.Replace("\n", "", StringComparison.Ordinal).Replace("\u0000", "", StringComparison.Ordinal));
                        return message;
                    };
                }
            }
        }

        string target = Fill(null, "");
        foreach (string type in operation.BodyTypes)
        {
            foreach (var body in MalformedBodies(type))
            {
                yield return () => new HttpRequestMessage(method, target) { Content = body() };
            }
        }
    }

    // A body that is acceptable in form, so that a malformed parameter is what the operation judges.
    private static HttpRequestMessage WithBody(HttpRequestMessage message, Operation operation)
    {
        if (operation.BodyTypes.Any(t => t.Contains("json", StringComparison.Ordinal)))
        {
            message.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return message;
    }

    private static string GoodPathValue(string name, string runId) => name switch
    {
        "runId" => runId,
        "kind" => "mnist1d-benchmark",
        "path" => "fuzz/file.bin",
        "key" => "fuzz",
        _ => "1",
    };

    private static IEnumerable<Func<HttpContent>> MalformedBodies(string contentType)
    {
        if (contentType.Contains("json", StringComparison.Ordinal))
        {
            foreach (string body in MalformedJsonBodies)
            {
                yield return () => new StringContent(body, Encoding.UTF8, "application/json");
            }

            foreach (string wrong in (string[])["{\"name\":1,\"parameters\":[],\"tags\":7,\"metrics\":\"x\",\"status\":{},\"experimentId\":\"x\",\"generator\":3,\"rows\":-1}",
                                                 "{\"name\":\"" + new string('n', 5000) + "\",\"experimentName\":\"\\u0000\",\"tags\":{\"\":null}}"])
            {
                yield return () => new StringContent(wrong, Encoding.UTF8, "application/json");
            }

            foreach (string charset in (string[])["foo", "utf-9", "\"\"", "x-unknown"])
            {
                yield return () =>
                {
                    var content = new ByteArrayContent("{}"u8.ToArray());
                    content.Headers.TryAddWithoutValidation("Content-Type", $"application/json; charset={charset}");
                    return content;
                };
            }
        }
        else if (contentType.StartsWith("multipart/", StringComparison.Ordinal))
        {
            foreach (var body in MalformedMultipart())
            {
                yield return body;
            }
        }
        else
        {
            yield return () => new ByteArrayContent([]);
            yield return () => new ByteArrayContent("not what it says"u8.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue(contentType == "*/*" ? "application/octet-stream" : contentType) } };
            yield return () => new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } };
        }
    }

    /// <summary>No boundary, a truncated body, quotes and CR/LF in file names, more parts than the framework's default 1,024.</summary>
    internal static IEnumerable<Func<HttpContent>> MalformedMultipart()
    {
        yield return () => Raw("multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.png\"\r\n\r\nabc\r\n--x--\r\n");
        yield return () => Raw("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.png\"\r\n\r\nab");
        yield return () => Raw("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\"b.png\"\r\n\r\nabc\r\n--x--\r\n");
        yield return () => Raw("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\r\nb.png\"\r\n\r\nabc\r\n--x--\r\n");
        yield return () => Raw("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a\nb.png\"\r\n\r\nabc\r\n--x--\r\n");
        yield return () => Raw("multipart/form-data; boundary=x", "garbage without any boundary");
        yield return () => Raw("multipart/form-data; boundary=" + new string('b', 200), "--b\r\n\r\n");
        yield return () =>
        {
            var parts = new StringBuilder();
            for (int i = 0; i < 2100; i++)
            {
                parts.Append("--x\r\nContent-Disposition: form-data; name=\"f\"; filename=\"").Append(i).Append(".png\"\r\n\r\nnot a png\r\n");
            }

            return Raw("multipart/form-data; boundary=x", parts.Append("--x--\r\n").ToString());
        };
    }

    private static ByteArrayContent Raw(string contentType, string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }
}
