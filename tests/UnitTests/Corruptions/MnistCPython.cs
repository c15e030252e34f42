using System.Runtime.InteropServices;
using System.Text.Json;
using DigitForge.TestSupport;

namespace DigitForge.UnitTests.Corruptions;

/// <summary>Runs reference/mnistc_reference.py on a batch of 28x28 uint8 images and returns its float32 outputs.</summary>
internal static class MnistCPython
{
    private const string Script = "tests/UnitTests/Corruptions/reference/mnistc_reference.py";

    public static float[][] Run(string op, object parameters, IReadOnlyList<byte[]> images)
    {
        string dir = Directory.CreateTempSubdirectory("digitforge-mnistc-").FullName;
        try
        {
            string input = Path.Combine(dir, "in.u8");
            string output = Path.Combine(dir, "out.f32");
            File.WriteAllBytes(input, [.. images.SelectMany(i => i)]);
            string meta = JsonSerializer.Serialize(new { op, @params = parameters, input, shape = new[] { images.Count, 28, 28 }, output });
            PythonReference.RunScript(Script, meta);
            var all = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(output)).ToArray();
            return [.. Enumerable.Range(0, images.Count).Select(i => all.AsSpan(i * 784, 784).ToArray())];
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
