using System.Runtime.InteropServices;
using System.Text.Json;
using DigitForge.Domain.Corruptions;
using DigitForge.Domain.Randomness;
using DigitForge.TestSupport;
using Xunit.Abstractions;

namespace DigitForge.UnitTests.Corruptions;

/// <summary>
/// Pixel agreement with scikit-image 0.19 (Debian) for the deterministic compositional corruptions and chains of them,
/// on real digits (when present), a drawn digit, random grey and RGB images: float32 results within 1e-3 and the
/// final truncated bytes equal.
/// </summary>
public class CompositionalReferenceTests(ITestOutputHelper output)
{
    private const string Script = "tests/UnitTests/Corruptions/reference/compositional_corruptions.py";
    private static readonly CorruptionRegistry Registry = CorruptionRegistry.CreateDefault();

    public static TheoryData<string, int> Singles()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in new[] { "contrast", "gaussian_blur", "swirl" })
        {
            for (int severity = 1; severity <= 5; severity++)
            {
                data.Add(name, severity);
            }
        }

        data.Add("invert", 1);
        data.Add("rotate90", 1);
        data.Add("identity", 1);
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Singles))]
    public void Single_corruption_matches_scikit_image(string name, int severity) =>
        AssertMatchesReference([(name, severity)]);

    [SkippableTheory]
    [InlineData("invert,swirl")]
    [InlineData("swirl,invert")]
    [InlineData("contrast,gaussian_blur,rotate90")]
    [InlineData("rotate90,swirl,invert,contrast,gaussian_blur")]
    [InlineData("gaussian_blur,invert,contrast,swirl,rotate90")]
    public void Composition_matches_the_reference_chain(string chain) =>
        AssertMatchesReference([.. chain.Split(',').Select(n => (n, Registry.Get(n).DefaultSeverity))]);

    private void AssertMatchesReference(IReadOnlyList<(string Name, int Severity)> chain)
    {
        PythonReference.Require(output, "numpy", "scipy", "skimage");

        var images = CorruptionTestImages.All();
        string dir = Directory.CreateTempSubdirectory("digitforge-corruptions-").FullName;
        try
        {
            var inputs = new List<object>();
            for (int i = 0; i < images.Count; i++)
            {
                string path = Path.Combine(dir, $"in{i}.u8");
                File.WriteAllBytes(path, images[i].Pixels);
                inputs.Add(new { path, shape = new[] { images[i].Height, images[i].Width, images[i].Channels } });
            }

            string outputPath = Path.Combine(dir, "out.f32");
            string meta = Path.Combine(dir, "meta.json");
            File.WriteAllText(meta, JsonSerializer.Serialize(new { inputs, chain = chain.Select(s => new object[] { s.Name, s.Severity }), output = outputPath }));
            PythonReference.RunScript(Script, meta);
            var expected = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(outputPath)).ToArray();

            int offset = 0;
            foreach (var (name, pixels, height, width, channels) in images)
            {
                var raster = Raster.FromBytes(pixels, height, width, channels);
                foreach (var (step, severity) in chain)
                {
                    raster = Registry.Get(step).Apply(raster, severity, KeyedRandom.For(0));
                }

                var reference = expected.AsSpan(offset, raster.Pixels.Length);
                offset += raster.Pixels.Length;
                double worst = 0;
                for (int i = 0; i < reference.Length; i++)
                {
                    worst = Math.Max(worst, Math.Abs(reference[i] - raster.Pixels[i]));
                }

                var ours = new byte[raster.Pixels.Length];
                raster.CopyToBytesTruncated(ours);
                int differing = 0;
                for (int i = 0; i < ours.Length; i++)
                {
                    byte theirs = (byte)Math.Clamp(reference[i], 0f, 255f);
                    differing += theirs == ours[i] ? 0 : 1;
                }

                output.WriteLine($"{name}: max |diff| {worst:G3}, differing bytes {differing}/{ours.Length}");
                Assert.True(worst < 1e-3, $"{name}: max |diff| {worst} against scikit-image");
                Assert.Equal(0, differing);
            }

            Assert.Equal(expected.Length, offset);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
