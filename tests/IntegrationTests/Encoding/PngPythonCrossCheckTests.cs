using DigitForge.Domain.Imaging;
using DigitForge.Infrastructure.Encoding;
using DigitForge.TestSupport;
using Xunit.Abstractions;

namespace DigitForge.IntegrationTests.Encoding;

/// <summary>Our PNGs against Pillow, and our float-to-byte conversion against numpy.</summary>
public class PngPythonCrossCheckTests(ITestOutputHelper output)
{
    // Prints mode, size and the pixel bytes as hex for each file, after a full load (Pillow checks CRCs while loading).
    private const string PilDescribe = """
        import sys
        from PIL import Image
        for path in sys.argv[1:]:
            with Image.open(path) as im:
                im.load()
                print(im.format, im.mode, im.size[0], im.size[1], im.tobytes().hex())
        """;

    [SkippableFact]
    public void Pillow_decodes_our_gray_and_rgb_pngs_to_identical_pixels()
    {
        PythonReference.Require(output, "PIL");

        using var temp = new TempDirectory();
        var cases = new (string Name, byte[] Pixels, int Width, int Height, PngColorType Type)[]
        {
            ("gray.png", PngTestFiles.Pattern(168, 28, 1), 168, 28, PngColorType.Gray8),
            ("gray-1x1.png", [200], 1, 1, PngColorType.Gray8),
            ("gray-large.png", PngTestFiles.Pattern(700, 120, 1), 700, 120, PngColorType.Gray8),
            ("rgb.png", PngTestFiles.Pattern(64, 48, 3), 64, 48, PngColorType.Rgb8),
        };
        foreach (var c in cases)
        {
            File.WriteAllBytes(temp.File(c.Name), PngEncoder.Encode(c.Pixels, c.Width, c.Height, c.Type));
        }

        string[] lines = PythonReference.Run(PilDescribe, [.. cases.Select(c => temp.File(c.Name))]).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(cases.Length, lines.Length);
        for (int i = 0; i < cases.Length; i++)
        {
            string mode = cases[i].Type == PngColorType.Gray8 ? "L" : "RGB";
            Assert.Equal($"PNG {mode} {cases[i].Width} {cases[i].Height} {Convert.ToHexStringLower(cases[i].Pixels)}", lines[i]);
        }
    }

    [SkippableFact]
    public void Our_decoder_reads_pngs_written_by_pillow()
    {
        PythonReference.Require(output, "PIL");

        using var temp = new TempDirectory();
        var gray = PngTestFiles.Pattern(97, 33, 1);
        var rgb = PngTestFiles.Pattern(41, 29, 3);
        File.WriteAllBytes(temp.File("gray.raw"), gray);
        File.WriteAllBytes(temp.File("rgb.raw"), rgb);

        // Pillow picks filters per row adaptively, so these files exercise more than filter None.
        PythonReference.Run(
            """
            import sys
            from PIL import Image
            d = sys.argv[1]
            Image.frombytes('L', (97, 33), open(d + '/gray.raw', 'rb').read()).save(d + '/gray.png')
            Image.frombytes('RGB', (41, 29), open(d + '/rgb.raw', 'rb').read()).save(d + '/rgb.png', optimize=True)
            """,
            temp.Path);

        Assert.Equal(gray, PngDecoder.Decode(File.ReadAllBytes(temp.File("gray.png"))).Pixels);
        Assert.Equal(rgb, PngDecoder.Decode(File.ReadAllBytes(temp.File("rgb.png"))).Pixels);
    }

    [SkippableFact]
    public void Float_to_byte_conversion_matches_numpy_uint8_of_255_x()
    {
        PythonReference.Require(output, "numpy");

        var random = new Random(11);
        var values = new List<float>();
        values.AddRange(Enumerable.Range(0, 256).Select(k => k / 255f));
        values.AddRange(Enumerable.Range(0, 256).Select(k => (k + 0.5f) / 255f));
        values.AddRange(Enumerable.Range(0, 2000).Select(_ => (float)random.NextDouble()));
        values.AddRange([-1f, -0f, 1.5f, float.Epsilon, 0.99999994f]);
        var image = new GrayImage(1, values.Count, [.. values]);

        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("x.npy"), NpyWriter.ToArray<float>(image.Pixels, image.Pixels.Length));
        string hex = PythonReference.Run(
            """
            import sys, numpy as np
            x = np.load(sys.argv[1])
            assert x.dtype == np.float32
            print(np.clip(np.float32(255) * x, 0, 255).astype(np.uint8).tobytes().hex())
            """,
            temp.File("x.npy")).Trim();

        Assert.Equal(hex, Convert.ToHexStringLower(GrayImageBytes.ToGray8Truncated(image)));
    }
}
