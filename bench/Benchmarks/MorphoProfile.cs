using System.Diagnostics;
using System.Globalization;
using DigitForge.Domain.Morphology;
using DigitForge.Domain.Morphology.Perturbations;
using DigitForge.Domain.Randomness;

namespace DigitForge.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/Benchmarks -- morpho-profile [images] [rounds]</c>: where one thread spends
/// its time in Morpho-MNIST perturb + measure, stage by stage (expand, distance map + skeleton, perturbation, reduce,
/// measure), on the first MNIST train digits of the data directory (DIGITFORGE_DATA_DIR or ~/.cache/digitforge). A
/// Stopwatch profile: BenchmarkDotNet's whole-pipeline figures do not say which stage to work on.
/// </summary>
internal static class MorphoProfile
{
    public static void Run(string[] args)
    {
        int count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        int rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var digits = LoadDigits(count);
        if (digits.Length == 0)
        {
            Console.Error.WriteLine("No MNIST train images in the data directory (DIGITFORGE_DATA_DIR or ~/.cache/digitforge): run `digitforge data import` first.");
            return;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# {digits.Length} digits, 1 thread, best of {rounds} rounds, µs per image"));
        Console.WriteLine("| stage | thin | thick | swell | fracture |");
        Console.WriteLine("|---|---|---|---|---|");
        IMorphoPerturbation[] perturbations = [new Thinning(), new Thickening(), new Swelling(), new Fracture()];
        var stages = new[] { "expand (x2)", "analyse - expand (x2)", "perturb", "reduce", "measure", "total perturb + measure" };
        var best = new double[stages.Length, perturbations.Length];
        for (int round = 0; round < rounds; round++)
        {
            for (int p = 0; p < perturbations.Length; p++)
            {
                var times = Profile(digits, perturbations[p]);
                for (int s = 0; s < stages.Length; s++)
                {
                    best[s, p] = round == 0 ? times[s] : Math.Min(best[s, p], times[s]);
                }
            }
        }

        for (int s = 0; s < stages.Length; s++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {stages[s]} | {best[s, 0]:F0} | {best[s, 1]:F0} | {best[s, 2]:F0} | {best[s, 3]:F0} |"));
        }
    }

    private static double[] Profile(byte[][] digits, IMorphoPerturbation perturbation)
    {
        var watches = new Stopwatch[6];
        for (int s = 0; s < watches.Length; s++)
        {
            watches[s] = new Stopwatch();
        }

        for (int i = 0; i < digits.Length; i++)
        {
            var digit = digits[i];
            watches[5].Start();
            watches[0].Start();
            Pyramid.Expand(digit, 28, 28, 4);
            watches[0].Stop();
            watches[1].Start();
            var morph = ImageMorphology.Analyse(digit, 28, 28);
            watches[1].Stop();
            watches[2].Start();
            bool[] perturbed;
            try
            {
                perturbed = perturbation.Apply(morph, KeyedRandom.For(1, (ulong)i));
            }
            catch (MorphologyException)
            {
                perturbed = morph.BinaryImage;
            }

            watches[2].Stop();
            watches[3].Start();
            byte[] small = morph.Downscale(perturbed);
            watches[3].Stop();
            watches[0].Start();
            Pyramid.Expand(small, 28, 28, 4);
            watches[0].Stop();
            watches[1].Start();
            var again = ImageMorphology.Analyse(small, 28, 28);
            watches[1].Stop();
            watches[4].Start();
            MorphometricsCalculator.Measure(again);
            watches[4].Stop();
            watches[5].Stop();
        }

        // Analyse includes an expand: report analyse minus expand, and the total without the extra expands.
        double us(Stopwatch w) => w.Elapsed.TotalMicroseconds / digits.Length;
        double expand = us(watches[0]);
        return [expand, us(watches[1]) - expand, us(watches[2]), us(watches[3]), us(watches[4]), us(watches[5]) - expand];
    }

    private static byte[][] LoadDigits(int count)
    {
        string root = Environment.GetEnvironmentVariable("DIGITFORGE_DATA_DIR") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "digitforge");
        string path = Path.Combine(root, "mnist", "train-images-idx3-ubyte");
        if (!File.Exists(path))
        {
            return [];
        }

        byte[] file = File.ReadAllBytes(path);
        int available = (file.Length - 16) / 784;
        return [.. Enumerable.Range(0, Math.Min(count, available)).Select(i => file.AsSpan(16 + (i * 784), 784).ToArray())];
    }
}
