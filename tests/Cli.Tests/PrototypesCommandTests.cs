using DigitForge.Application.Experiments.Gasten;
using DigitForge.Application.Tracking.Artifacts.UploadArtifact;
using DigitForge.Application.Tracking.Runs.CreateRun;
using DigitForge.Infrastructure.Encoding;
using DigitForge.Infrastructure.Persistence;
using DigitForge.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Cli.Tests;

/// <summary>
/// <c>digitforge experiment prototypes RUN --out DIR</c> on a tracking database seeded through the use cases with the
/// artifacts a gasten-ambiguity run leaves (two prototype PNGs, saliency and integrated gradients as NPY).
/// </summary>
public sealed class PrototypesCommandTests : CliTrackingTest
{
    [Fact]
    public async Task Prototypes_and_their_saliency_maps_are_written_as_pngs_and_bad_runs_exit_non_zero()
    {
        byte[] prototype0 = [1, 2, 3];
        byte[] prototype1 = [4, 5, 6, 7];
        float[] saliency = new float[2 * 28 * 28];
        float[] integrated = new float[2 * 28 * 28];
        saliency[(28 * 3) + 5] = 2f;              // prototype 0: the strongest pixel at row 3, column 5
        saliency[(28 * 28) + (28 * 10) + 20] = 0.5f;
        integrated[(28 * 7) + 7] = -1f;           // prototype 0: the strongest (negative) at row 7, column 7
        string runId, plainRunId;
        await using (var services = BuildServices())
        await using (var scope = services.CreateAsyncScope())
        {
            await TrackingDatabaseInitializer.MigrateAsync(scope.ServiceProvider, CancellationToken.None);
            var runs = scope.ServiceProvider.GetRequiredService<CreateRunHandler>();
            runId = (await runs.HandleAsync(new CreateRunRequest(ExperimentName: "gasten-ambiguity", Name: "ambiguity"))).Id;
            plainRunId = (await runs.HandleAsync(new CreateRunRequest(ExperimentName: "other", Name: "no prototypes"))).Id;
            var upload = scope.ServiceProvider.GetRequiredService<UploadArtifactHandler>();
            async Task Upload(string path, byte[] bytes) => await upload.HandleAsync(runId, path, new MemoryStream(bytes), bytes.Length);
            await Upload("prototypes/cluster-00.png", prototype0);
            await Upload("prototypes/cluster-01.png", prototype1);
            await Upload("prototypes/saliency.npy", GastenPictures.Npy(saliency, 2, 28, 28));
            await Upload("prototypes/integrated_gradients.npy", GastenPictures.Npy(integrated, 2, 28, 28));
        }

        string folder = WorkDir.File("out/protos");
        var result = await Run("experiment", "prototypes", runId, "--out", folder);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"wrote 6 files for 2 prototypes of run {runId}", result.StdOut, StringComparison.Ordinal);
        Assert.Equal(
            ["cluster-00-integrated-gradients.png", "cluster-00-saliency.png", "cluster-00.png", "cluster-01-integrated-gradients.png", "cluster-01-saliency.png", "cluster-01.png"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(prototype0, File.ReadAllBytes(Path.Combine(folder, "cluster-00.png")));
        Assert.Equal(prototype1, File.ReadAllBytes(Path.Combine(folder, "cluster-01.png")));
        // Magnified 3x; the maximum is yellow, a zero is black; integrated gradients: negative blue, zero white.
        var heat = PngDecoder.Decode(File.ReadAllBytes(Path.Combine(folder, "cluster-00-saliency.png")));
        Assert.Equal((84, 84), (heat.Width, heat.Height));
        Assert.Equal((255, 255, 0), Rgb(heat, (3 * 3) + 1, (5 * 3) + 1));
        Assert.Equal((0, 0, 0), Rgb(heat, 0, 0));
        var signed = PngDecoder.Decode(File.ReadAllBytes(Path.Combine(folder, "cluster-00-integrated-gradients.png")));
        Assert.Equal((0, 0, 255), Rgb(signed, (7 * 3) + 2, (7 * 3) + 2));
        Assert.Equal((255, 255, 255), Rgb(signed, 0, 0));

        var none = await Run("experiment", "prototypes", plainRunId, "--out", WorkDir.File("none"));
        Assert.True(none.ExitCode == 2, none.ToString());
        Assert.Contains("error: run: ", none.StdErr, StringComparison.Ordinal);
        var missing = await Run("experiment", "prototypes", "0123456789abcdef0123456789abcdef", "--out", WorkDir.File("none"));
        Assert.True(missing.ExitCode == 4, missing.ToString());
        Assert.False(Directory.Exists(WorkDir.File("none")));
        var noFolder = await Run("experiment", "prototypes", runId);
        Assert.NotEqual(0, noFolder.ExitCode);
    }

    private static (int R, int G, int B) Rgb(PngImage png, int row, int col)
    {
        int i = (row * png.Stride) + (col * png.BytesPerPixel);
        return (png.Pixels[i], png.Pixels[i + 1], png.Pixels[i + 2]);
    }
}
