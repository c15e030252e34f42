using DigitForge.Api.Endpoints;
using DigitForge.Web;

var builder = WebApplication.CreateBuilder(args);

// Serve the UI's files (src/Web/wwwroot) from a plain build in any environment, not only Development; a publish
// copies them into wwwroot and has no manifest, so this is a no-op there.
builder.WebHost.UseStaticWebAssets();

builder.AddApplication();
builder.AddInfrastructure();
builder.AddApiServices();
builder.AddApiTelemetry();
builder.AddRequestHardening();
builder.AddDataProtectionKeysInDataDir();
builder.AddDigitForgeAuthentication();
builder.Services.AddDigitForgeWeb();

var app = builder.Build();

app.UseApiTelemetry();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestHardening();
app.UseSwagger();
app.UseSwaggerUI(options =>
{
    options.RoutePrefix = "swagger";
    options.DocumentTitle = "DigitForge API";
});
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapStaticAssets();

app.MapHealthChecks("/health");
app.MapSequenceApi();
app.MapMnist1DApi();
app.MapDataApi();
app.MapTrackingApi();
app.MapDatasetApi();
app.MapDatasetListApi();
app.MapCorruptionApi();
app.MapSpiralApi();
app.MapMnistCApi();
app.MapJobApi();
app.MapMorphometricsApi();
app.MapEngineApi();
app.MapApiKeyApi();
app.MapDigitForgeWeb();

app.Run();

/// <summary>Visible to <c>WebApplicationFactory&lt;Program&gt;</c> in the functional tests.</summary>
public partial class Program;
