using System.Diagnostics;
using System.Globalization;
using DigitForge.Application.DataSources;
using DigitForge.Application.Datasets;
using DigitForge.Application.Datasets.Specs;
using DigitForge.Application.Experiments.Compositional;
using DigitForge.Application.Training;
using DigitForge.Application.Training.Tasks;
using DigitForge.Domain.Data;
using DigitForge.Domain.Filters;
using DigitForge.Infrastructure.Training;
using Microsoft.Extensions.Options;

namespace DigitForge.Benchmarks;

/// <summary>
/// The compositional-robustness kind's test of one method on all 167 compositions, as the kind runs it:
/// <see cref="CompositionalEvaluator"/> over the compositional-benchmark generator's test split (the compositions
/// built on the fly from synthetic digits), the CrossEntropy method's DTN backbone through <c>pipeline-eval</c>.
/// One warm-up pass, then <c>rounds</c> timed passes; one JSON line per round with the process's CPU seconds for the
/// whole evaluation (composition + engine) and the engine tasks' own CPU seconds. The last pass's engine inputs (the
/// normalised composed images and labels) go to <c>dump</c> (float32 and int64, raw) for the PyTorch side of
/// bench/engine/compositional_step_bench.py to run the same network on.
/// Usage: <c>compositional-eval [width=0.25] [test_images=300] [rounds=3] [threads=1] [dump]</c>.
/// </summary>
public static class CompositionalEvalTiming
{
    public static void Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        double width = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 0.25;
        int testImages = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 300;
        int rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
        int threads = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 1;
        string? dump = args.Length > 5 ? args[5] : null;

        var options = Options.Create(new EngineOptions());
        var trainer = new LibTorchTrainer(options);
        var runner = new RecordingRunner(new LibTorchTaskRunner(options));
        var datasetOptions = Options.Create(new DatasetOptions());
        var resolver = new DatasetSpecResolver(GeneratorRegistry.CreateDefault(FilterRegistry.CreateDefault()), datasetOptions);
        var instances = new DatasetInstances(new Digits(SyntheticDigits.Create(Math.Max(1000, testImages))), datasetOptions);
        var evaluator = new CompositionalEvaluator(resolver, instances, runner);
        string spec = CompositionalEvaluator.TestSpec("mnist", testImages, 1);
        using var method = new TrainedMethod(CompositionalMethods.CrossEntropy, "bench");
        method.Add("model", trainer.CreateModel(CompositionalModels.Backbone(28, 10, width), TrainingDevice.Cpu, 1));
        TrainedMethod[] methods = [method];

        evaluator.EvaluateAsync(spec, methods, threads, null, CancellationToken.None).GetAwaiter().GetResult(); // warm-up (and the generator's cache)
        for (int round = 0; round < rounds; round++)
        {
            runner.Reset(keep: dump is not null && round == rounds - 1);
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            var result = evaluator.EvaluateAsync(spec, methods, threads, null, CancellationToken.None).GetAwaiter().GetResult();
            wall.Stop();
            process.Refresh();
            double cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
            long rows = result.Tested.Sum();
            double accuracy = (double)result.Correct[method.Name].Sum() / rows;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"side\": \"engine\", \"what\": \"eval167\", \"width\": {width}, \"rows\": {rows}, \"tasks\": {runner.Tasks}, \"fused\": {(runner.AllFused ? "true" : "false")}, \"wall_s\": {wall.Elapsed.TotalSeconds:0.0000}, \"cpu_s\": {cpuSeconds:0.0000}, \"engine_cpu_s\": {runner.CpuSeconds:0.0000}, \"acc\": {accuracy:0.0000}}}"));
        }

        if (dump is not null)
        {
            runner.Dump(dump);
        }
    }

    private sealed class Digits(LabeledImages images) : IDigitSource
    {
        public IReadOnlyList<string> KnownSources { get; } = ["mnist"];

        public ValueTask<LabeledImages> GetAsync(string source, DataSplit split, CancellationToken cancellationToken = default) => ValueTask.FromResult(images);

        public IReadOnlyList<DataSourceStatus> Status() => [];
    }

    /// <summary>Sums the engine tasks' CPU time; keeps their inputs when asked.</summary>
    private sealed class RecordingRunner(ITrainingTaskRunner inner) : ITrainingTaskRunner
    {
        private readonly List<float[]> _x = [];
        private readonly List<long[]> _y = [];
        private bool _keep;

        public IReadOnlyList<string> TaskNames => inner.TaskNames;

        public double CpuSeconds { get; private set; }

        public int Tasks { get; private set; }

        public bool AllFused { get; private set; } = true;

        public void Reset(bool keep)
        {
            CpuSeconds = 0;
            Tasks = 0;
            AllFused = true;
            _keep = keep;
            _x.Clear();
            _y.Clear();
        }

        public async Task<TaskReport> RunAsync(TrainingTaskRequest request, ITaskObserver? observer = null, CancellationToken cancellationToken = default)
        {
            if (_keep)
            {
                _x.Add((float[])((Float32Input)request.Inputs.Single(i => i.Name == "x")).Data.Clone());
                _y.Add((long[])((Int64Input)request.Inputs.Single(i => i.Name == "y")).Data.Clone());
            }

            var report = await inner.RunAsync(request, observer, cancellationToken);
            CpuSeconds += report.CpuTime.TotalSeconds;
            Tasks++;
            AllFused &= report.Fused;
            return report;
        }

        public void Dump(string prefix)
        {
            using (var x = File.Create(prefix + ".x.f32"))
            {
                foreach (var block in _x)
                {
                    x.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(block.AsSpan()));
                }
            }

            using var y = File.Create(prefix + ".y.i64");
            foreach (var block in _y)
            {
                y.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(block.AsSpan()));
            }
        }
    }
}
