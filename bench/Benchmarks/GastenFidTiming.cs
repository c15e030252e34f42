using System.Diagnostics;
using System.Globalization;
using DigitForge.Application.Experiments.Gan;
using DigitForge.Application.Experiments.Gasten;
using DigitForge.Application.Training;
using DigitForge.Infrastructure.Training;
using Microsoft.Extensions.Options;

namespace DigitForge.Benchmarks;

/// <summary>
/// One GASTeN FID evaluation as the <c>gasten</c> kind runs it (<see cref="GastenEvaluator"/>): the reference's DCGAN
/// generator (z 64, filter dims 64) on 2048 test-noise rows, the digit feature network's 64 features, Gaussian
/// statistics and the Fréchet distance against reference statistics; FID only, then FID + FOCD + ACD with a cnn nf 2
/// classifier. Random weights (timing only). Compared with bench/engine/gasten_fid_bench.py's PyTorch side.
/// Usage: <c>gasten-fid [rounds=5] [samples=2048] [inception weights.pth]</c>; intra-op threads from OMP_NUM_THREADS.
/// With a weight file FID uses pytorch-fid's Inception-v3 (<see cref="InceptionFeatures"/>; reference statistics
/// from 256 rows and no warm-up round, each Inception pass being minutes on a CPU). Prints one JSON line per round.
/// </summary>
public static class GastenFidTiming
{
    public static void Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        int samples = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2048;
        const int ZDim = 64;
        var trainer = new LibTorchTrainer(Options.Create(new EngineOptions()));
        using var generator = trainer.CreateModel(DcganModels.Generator(ZDim, 64, 1, 28), TrainingDevice.Cpu, 1);
        string? inception = args.Length > 3 ? args[3] : null;
        using var features = inception is null
            ? new FidNetwork(DigitFeatureNetwork.Name, trainer.CreateModel(DigitFeatureNetwork.Description(10), TrainingDevice.Cpu, 2), DigitFeatureNetwork.FeatureLayers, DigitFeatureNetwork.Features, DigitFeatureNetwork.Name)
            : new FidNetwork(InceptionFeatures.Name, trainer.CreateModel(InceptionFeatures.Description(inception), TrainingDevice.Cpu, 2), -1, InceptionFeatures.Features, InceptionFeatures.Name);
        using var classifier = trainer.CreateModel(GastenClassifierModels.Create("cnn", 2), TrainingDevice.Cpu, 3);

        // Reference statistics from other random rows (what matters is the work, not the value).
        var random = new Random(0);
        float[] reference = new float[samples * 28 * 28];
        for (int i = 0; i < reference.Length; i++)
        {
            reference[i] = (float)((random.NextDouble() * 2) - 1);
        }

        int referenceRows = inception is null ? samples : Math.Min(samples, 256);
        var fidReference = features.StatsOf(reference.AsSpan(0, referenceRows * 28 * 28), referenceRows);
        int layers = GastenClassifierModels.EmbeddingLayers("cnn");
        int width = classifier.OutputSizeAt(layers);
        var cut = new ClassifierUnderTest("bench", "cnn-2-1", "cnn", classifier, GaussianStats.Of(classifier.Forward(reference, layers), samples, width), "0");
        float[] noise = new float[samples * ZDim];
        for (int i = 0; i < noise.Length; i++)
        {
            noise[i] = (float)(random.NextDouble() - 0.5);
        }

        var evaluator = new GastenEvaluator(features, fidReference, noise, ZDim, 28, 0);
        if (inception is null)
        {
            evaluator.Evaluate(generator, null); // warm-up
        }

        for (int round = 0; round < rounds; round++)
        {
            var (fidWall, fidCpu, fid) = Time(() => evaluator.Evaluate(generator, null).Fid);
            var (allWall, allCpu, _) = inception is null ? Time(() => evaluator.Evaluate(generator, cut).Fid) : (0, 0, 0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"side\": \"engine\", \"network\": \"{features.Name}\", \"samples\": {samples}, \"fid_wall_s\": {fidWall:0.0000}, \"fid_cpu_s\": {fidCpu:0.0000}, \"all_wall_s\": {allWall:0.0000}, \"all_cpu_s\": {allCpu:0.0000}, \"fid\": {fid:0.000}}}"));
        }
    }

    private static (double Wall, double Cpu, double Value) Time(Func<double> work)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        double value = work();
        watch.Stop();
        process.Refresh();
        return (watch.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalSeconds, value);
    }
}
