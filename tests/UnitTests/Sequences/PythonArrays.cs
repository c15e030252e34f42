using System.Globalization;
using System.Runtime.InteropServices;
using DigitForge.Domain.Imaging;
using DigitForge.TestSupport;

namespace DigitForge.UnitTests.Sequences;

/// <summary>
/// Exchanges float32 arrays with a Python snippet through temporary files. The snippet sees <c>load(i)</c> (the i-th
/// input as a 2-D float32 array), <c>args</c> (extra string arguments) and <c>save(array)</c> (stores the result).
/// </summary>
internal static class PythonArrays
{
    private const string Prologue = """
        import sys, json
        import numpy as np
        _meta = json.loads(sys.argv[1])
        args = _meta["args"]
        def load(i):
            shape = _meta["shapes"][i]
            return np.fromfile(_meta["inputs"][i], dtype="<f4").reshape(shape)
        def save(a):
            a = np.asarray(a)
            with open(_meta["output"], "wb") as f:
                f.write(np.ascontiguousarray(a, dtype="<f4").tobytes())
            print(json.dumps({"shape": list(a.shape), "dtype": str(a.dtype)}))

        """;

    public static (GrayImage Image, string Dtype) Run(string body, IReadOnlyList<GrayImage> inputs, params string[] args)
    {
        string dir = Directory.CreateTempSubdirectory("digitforge-py-").FullName;
        try
        {
            var paths = new List<string>();
            var shapes = new List<int[]>();
            for (int i = 0; i < inputs.Count; i++)
            {
                string path = Path.Combine(dir, $"in{i}.f32");
                File.WriteAllBytes(path, MemoryMarshal.AsBytes(inputs[i].Pixels.AsSpan()).ToArray());
                paths.Add(path);
                shapes.Add([inputs[i].Height, inputs[i].Width]);
            }

            string output = Path.Combine(dir, "out.f32");
            string meta = System.Text.Json.JsonSerializer.Serialize(new { inputs = paths, shapes, output, args });
            string stdout = PythonReference.Run(Prologue + body, meta);
            using var info = System.Text.Json.JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
            var shape = info.RootElement.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            Assert.Equal(2, shape.Length);
            var pixels = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(output)).ToArray();
            return (new GrayImage(shape[0], shape[1], pixels), info.RootElement.GetProperty("dtype").GetString()!);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Fails with how to install the modules, or skips the test where DIGITFORGE_SKIP_PYTHON=1.</summary>
    public static void Require() => PythonReference.Require("numpy", "scipy", "skimage");

    /// <summary>Largest absolute difference; asserts equal shapes.</summary>
    public static double MaxAbsDifference(GrayImage expected, GrayImage actual)
    {
        Assert.Equal(expected.Height, actual.Height);
        Assert.Equal(expected.Width, actual.Width);
        double max = 0;
        for (int i = 0; i < expected.Pixels.Length; i++)
        {
            max = Math.Max(max, Math.Abs((double)expected.Pixels[i] - actual.Pixels[i]));
        }

        return max;
    }

    public static GrayImage RandomImage(int height, int width, ulong seed)
    {
        var random = Domain.Randomness.KeyedRandom.For(seed);
        var image = new GrayImage(height, width);
        for (int i = 0; i < image.Pixels.Length; i++)
        {
            image.Pixels[i] = (float)random.NextDouble();
        }

        return image;
    }

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
