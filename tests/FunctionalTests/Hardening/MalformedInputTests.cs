using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace DigitForge.FunctionalTests.Hardening;

/// <summary>The 500s of issue 21, finding 6, each answered with a 4xx problem now.</summary>
public sealed class MalformedInputTests(HardeningApiFactory factory) : IClassFixture<HardeningApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("POST", "/api/experiments")]
    [InlineData("POST", "/api/runs")]
    [InlineData("POST", "/api/runs/search")]
    [InlineData("POST", "/api/datasets")]
    [InlineData("POST", "/api/experiments/mnist1d-benchmark/runs")]
    public async Task An_unknown_charset_in_a_json_content_type_is_415(string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new ByteArrayContent("{\"name\":\"x\"}"u8.ToArray()) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=foo");

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("foo", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("")]
    public async Task A_null_or_missing_dataset_spec_is_a_400(string body)
    {
        var response = await _client.PostAsync("/api/datasets", new StringContent(body, Encoding.UTF8, "application/json"));

        await ProblemDetailsAssertions.AssertValidationProblemAsync(response, "spec");
    }

    [Fact]
    public async Task A_known_non_utf8_charset_is_still_read()
    {
        var response = await _client.PostAsync("/api/experiments", new StringContent("{\"name\":\"latin-\u00e9\"}", Encoding.Latin1, "application/json"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("latin-\u00e9", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_malformed_multipart_upload_is_a_4xx_naming_files()
    {
        int index = 0;
        foreach (var body in OpenApiFuzzTests.MalformedMultipart())
        {
            var response = await _client.PostAsync("/api/morphometrics", body());
            string text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"case {index}: {(int)response.StatusCode} {text}");
            using var problem = JsonDocument.Parse(text);
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("files", out _), $"case {index}: {text}");
            index++;
        }
    }

    [Fact]
    public async Task An_artifact_path_that_is_both_file_and_folder_is_a_409_either_way()
    {
        string run = await CreateRunAsync();

        Assert.Equal(HttpStatusCode.Created, (await Put(run, "x")).StatusCode);
        var fileThenFolder = await Put(run, "x/y");
        Assert.Equal(HttpStatusCode.Created, (await Put(run, "a/b")).StatusCode);
        var folderThenFile = await Put(run, "a");

        Assert.Equal(HttpStatusCode.Conflict, fileThenFolder.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, folderThenFile.StatusCode);
        Assert.Equal("1", await _client.GetStringAsync($"/api/runs/{run}/artifacts/x"));
        Assert.Equal("1", await _client.GetStringAsync($"/api/runs/{run}/artifacts/a/b"));
    }

    [Fact]
    public async Task A_220_character_path_segment_is_a_400_naming_path()
    {
        string run = await CreateRunAsync();

        var response = await Put(run, "ok/" + new string('s', 220));

        await ProblemDetailsAssertions.AssertValidationProblemAsync(response, "path");
        Assert.Equal(HttpStatusCode.Created, (await Put(run, "ok/" + new string('s', 200))).StatusCode);
    }

    private Task<HttpResponseMessage> Put(string run, string path) =>
        _client.PutAsync($"/api/runs/{run}/artifacts/{path}", new ByteArrayContent("1"u8.ToArray()));

    private async Task<string> CreateRunAsync()
    {
        var response = await _client.PostAsJsonAsync("/api/runs", new { experimentName = "malformed" });
        response.EnsureSuccessStatusCode();
        using var run = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return run.RootElement.GetProperty("id").GetString()!;
    }
}
