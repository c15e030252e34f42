using System.Diagnostics;
using System.Globalization;
using DigitForge.Domain.Corruptions;
using DigitForge.Domain.Corruptions.MnistC;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Datasets.Generators;
using DigitForge.Domain.Randomness;

namespace DigitForge.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/Benchmarks -- mnist-c [images] [threads] [name,name]</c>: corrupts MNIST images with
/// every MNIST-C corruption (or the listed ones) at its default severity, exactly as the mnist-c generator does per row (keyed stream,
/// rounding to bytes), and prints images/s per corruption. Images are the MNIST train images of the data directory
/// (DIGITFORGE_DATA_DIR or ~/.cache/digitforge), cycled up to the count (default 70,000). A Stopwatch run rather than
/// BenchmarkDotNet: one pass over 70,000 images is already a long, stable measurement.
/// </summary>
internal static class MnistCThroughput
{
    public static void Run(string[] args)
    {
        int count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 70_000;
        int threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        string[] only = args.Length > 3 ? args[3].Split(',') : [];
        var (pixels, available) = LoadImages();
        var registry = CorruptionRegistry.CreateDefault();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# {count:N0} images ({available:N0} distinct MNIST digits cycled), {threads} thread(s), {Environment.ProcessorCount} cores"));
        Console.WriteLine("| corruption | severity | seconds | images/s |");
        Console.WriteLine("|---|---|---|---|");
        var output = new byte[count * 784];
        foreach (string name in MnistCCorruptions.Names.Where(n => only.Length == 0 || only.Contains(n)))
        {
            var corruption = registry.Get(name);
            int severity = MnistCCorruptions.DefaultSeverity(name, registry);
            var watch = Stopwatch.StartNew();
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
            {
                var random = KeyedRandom.For(0, DatasetRowKey.For("train", i));
                MnistCDatasetGenerator.CorruptImage(pixels.AsSpan((i % available) * 784, 784), corruption, severity, random, output.AsSpan(i * 784, 784));
            });
            watch.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {severity} | {watch.Elapsed.TotalSeconds:F2} | {count / watch.Elapsed.TotalSeconds:N0} |"));
        }
    }

    /// <summary>
    /// <c>-- mnist-c-dump DIR</c>: writes the deterministic corruptions of every data-directory digit (fixed signs for
    /// the random-direction warps) to DIR/&lt;case&gt;.u8 with their timings, for bench/mnist-c/compare.py.
    /// </summary>
    public static void Dump(string[] args)
    {
        string dir = args.Length > 1 ? args[1] : "mnist-c-dump";
        Directory.CreateDirectory(dir);
        var (pixels, count) = LoadImages();
        var registry = CorruptionRegistry.CreateDefault();
        var cases = new (string Name, Func<Raster, Raster> Corrupt)[]
        {
            ("stripe", r => registry.Get("stripe").Apply(r, 1, KeyedRandom.For(0))),
            ("brightness", r => registry.Get("brightness").Apply(r, 5, KeyedRandom.For(0))),
            ("scale", r => registry.Get("scale").Apply(r, 3, KeyedRandom.For(0))),
            ("rotate", r => RotateCorruption.Apply(r, 2, 1)),
            ("shear", r => ShearCorruption.Apply(r, 2, 1)),
            ("translate", r => TranslateCorruption.Apply(r, 3, 1, 1)),
            ("canny", r => registry.Get("canny_edges").Apply(r, 1, KeyedRandom.For(0))),
        };
        File.WriteAllBytes(Path.Combine(dir, "input.u8"), pixels[..(count * 784)]);
        foreach (var (name, corrupt) in cases)
        {
            var output = new byte[count * 784];
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < count; i++)
            {
                corrupt(Raster.FromBytes(pixels.AsSpan(i * 784, 784), 28, 28, 1)).CopyToBytesRounded(output.AsSpan(i * 784, 784));
            }

            watch.Stop();
            File.WriteAllBytes(Path.Combine(dir, name + ".u8"), output);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {count} {watch.Elapsed.TotalSeconds:F3}"));
        }
    }

    private static (byte[] Pixels, int Count) LoadImages()
    {
        string dir = Environment.GetEnvironmentVariable("DIGITFORGE_DATA_DIR") is { Length: > 0 } d
            ? d
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "digitforge");
        byte[] file = File.ReadAllBytes(Path.Combine(dir, "mnist", "train-images-idx3-ubyte"));
        int n = (file.Length - 16) / 784;
        return (file[16..], n);
    }
}
