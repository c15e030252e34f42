using System.Globalization;
using System.Runtime.InteropServices;
using DigitForge.Domain.Corruptions.MnistC;
using DigitForge.TestSupport;
using Xunit.Abstractions;

namespace DigitForge.UnitTests.Corruptions;

/// <summary>
/// Our motion blur against ImageMagick's own (<c>convert -motion-blur RxS+A</c>, the operation the reference calls
/// through Wand) on the same digits and angles, with the reference's PNG round trip. ImageMagick is not a dependency of
/// the project; where /usr/bin/convert is missing the test says so visibly and checks nothing.
/// </summary>
public class MotionBlurImageMagickTests(ITestOutputHelper output)
{
    private const string Script = """
        import json, subprocess, sys, tempfile, os
        import numpy as np
        from PIL import Image
        meta = json.loads(sys.argv[1])
        images = np.fromfile(meta["input"], dtype=np.uint8).reshape(-1, 28, 28)
        out = []
        with tempfile.TemporaryDirectory() as d:
            for img in images:
                src, dst = os.path.join(d, "in.png"), os.path.join(d, "out.png")
                Image.fromarray(img, mode="L").save(src)
                subprocess.run(["/usr/bin/convert", src, "-motion-blur", meta["arg"], dst], check=True)
                out.append(np.array(Image.open(dst).convert("L")))
        np.stack(out).astype(np.uint8).tofile(meta["output"])
        """;

    [SkippableTheory]
    [InlineData(1, 0.0)]
    [InlineData(1, 30.0)]
    [InlineData(1, -45.0)]
    [InlineData(3, 12.5)]
    public void Matches_ImageMagick_motion_blur(int severity, double angle)
    {
        if (!File.Exists("/usr/bin/convert"))
        {
            output.WriteLine("SKIPPED: ImageMagick (/usr/bin/convert) is not installed; apt-get install imagemagick to run this cross-check.");
            return;
        }

        PythonReference.Require(output, "numpy", "PIL");

        var (radius, sigma) = new[] { (10, 3), (15, 5), (15, 8), (15, 12), (20, 15) }[severity - 1];
        var images = MnistCTestImages.Digits();
        string dir = Directory.CreateTempSubdirectory("digitforge-im-").FullName;
        try
        {
            string input = Path.Combine(dir, "in.u8");
            string result = Path.Combine(dir, "out.u8");
            File.WriteAllBytes(input, [.. images.SelectMany(i => i)]);
            string arg = string.Create(CultureInfo.InvariantCulture, $"{radius}x{sigma}{(angle >= 0 ? "+" : string.Empty)}{angle}");
            PythonReference.Run(Script, System.Text.Json.JsonSerializer.Serialize(new { input, output = result, arg }));
            var expected = File.ReadAllBytes(result);
            int worst = 0;
            int differing = 0;
            for (int i = 0; i < images.Length; i++)
            {
                var ours = MotionBlurCorruption.Apply(MnistCTestImages.ToRaster(images[i]), severity, angle);
                var bytes = new byte[784];
                ours.CopyToBytesRounded(bytes);
                for (int p = 0; p < 784; p++)
                {
                    int d = Math.Abs(bytes[p] - expected[(i * 784) + p]);
                    worst = Math.Max(worst, d);
                    differing += d > 0 ? 1 : 0;
                }
            }

            output.WriteLine($"motion_blur {arg}: {images.Length} images, {differing} values differ, largest difference {worst}");
            Assert.Equal(0, differing);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
