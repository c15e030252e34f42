using System.Diagnostics;
using System.Globalization;
using System.Text;
using DigitForge.Application.Common;
using DigitForge.Application.DataSources;
using DigitForge.Application.Datasets;
using DigitForge.Application.Datasets.Specs;
using DigitForge.Application.Experiments.Gasten;
using DigitForge.Application.Experiments.Summaries;
using DigitForge.Application.Training;
using DigitForge.Application.Tracking;
using DigitForge.Application.Training.Tasks;
using DigitForge.Domain.Clustering;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Randomness;

namespace DigitForge.Application.Experiments.Ambiguity;

/// <summary>
/// <c>gasten-ambiguity</c>: "Finding Patterns in Ambiguity" (specs/gasten.md §4) on a GASTeN step-2 run. Step 3: N
/// fresh seeded z through the run's generator at the chosen epoch, C(x) for each, FID of all and of exactly the kept
/// images (0.5 − acd ≤ C ≤ 0.5 + acd; only with ≥ 2048 kept), the kept images' penultimate embeddings. Step 4: UMAP
/// (cosine) → Gaussian mixture, hyperparameters searched over the reference's ranges for the best silhouette
/// (<see cref="ClusteringSearch"/>), the best refit's silhouette / Calinski-Harabasz / Davies-Bouldin / cluster sizes.
/// Step 5: one medoid prototype per cluster, the mean pairwise cosine similarity of their embeddings, |∂C/∂x| and
/// integrated gradients per prototype, per-cluster grids, the 2-D map; and the baseline of real test images in the
/// same confidence band.
/// </summary>
public sealed class GastenAmbiguityKind(
    ExperimentDatasets datasets, IDigitSource digits, ITrainer trainer, ITrainingTaskRunner runner, IExperimentCharts charts,
    GastenClassifierRuns classifierRuns, Step2Runs step2Runs, AmbiguousImagesGenerator keptSets, DatasetSpecResolver resolver, DatasetCatalog catalog,
    IArtifactStore artifacts, FidNetworks fidNetworks) : IJobKind
{
    public const string KindName = "gasten-ambiguity";
    public const string RunParameter = "run";
    public const string EpochParameter = "epoch";
    public const string ImagesParameter = "images";
    public const string AcdParameter = "acd";
    public const string IterationsParameter = "n_iter";
    public const string GridImagesParameter = "grid_images";
    public const string BaselineParameter = "baseline_images";
    public const string MethodParameter = "method";
    public const string Gmm = "gmm";
    public const string HdbscanMethod = "hdbscan";
    public const string MapKey = "umap2d";
    public const string PrototypesKey = "prototypes";
    public const string AttributionsKey = "prototype_attributions";
    public const string ClusterImagesKey = "cluster_images";
    public const string BaselineKey = "baseline_attributions";
    public const string TrialsCsv = "search/trials.csv";
    public const string KeptDatasetParam = "kept_dataset";
    public const ulong NoiseKey = 0x616d_6269_675f_7a7a; // "ambig_zz"
    private const int Batch = 1000;

    public string Name => KindName;

    public string Description => "Finding Patterns in Ambiguity: images from a GASTeN step-2 generator that its classifier is unsure about, clustered (UMAP + GMM, silhouette search) into medoid prototypes with saliency maps.";

    public IReadOnlyList<GeneratorParameter> Parameters { get; } =
    [
        GeneratorParameter.Text(RunParameter, string.Empty, "A GASTeN step-2 run (a child of a gasten job: <id>-<classifier>_<weight>_<s1 epoch>)."),
        GeneratorParameter.Text(EpochParameter, Step2Runs.Last, "Its epoch: a number with a generator checkpoint, last, best-fid (lowest eval/fid) or best-acd (lowest eval/conf_dist)."),
        GeneratorParameter.Integer(ImagesParameter, 15_000, 16, 1_000_000, "Fresh images generated (the reference: 15,000)."),
        GeneratorParameter.Number(AcdParameter, 0.1, 0, 0.5, "Keep images with |C(x) − 0.5| ≤ acd (0.1: 0.4 ≤ C ≤ 0.6)."),
        GeneratorParameter.Integer(IterationsParameter, 20, 1, 500, "Hyperparameter-search trials (UMAP n_neighbors 5-25, min_dist 0.01-0.25, n_components 5-60; GMM 3-15 components)."),
        GeneratorParameter.Choice(MethodParameter, Gmm, [Gmm, HdbscanMethod], "The clusterer after UMAP: gmm (Gaussian mixture, 3-15 components) or hdbscan (leaf selection, min_samples 3; min_cluster_size 3-10, cluster_selection_epsilon 0-5), the reference's two options."),
        GeneratorParameter.Integer(GridImagesParameter, 48, 1, 1024, "Images per cluster grid."),
        GeneratorParameter.Integer(BaselineParameter, 5, 1, 100, "Real test images in the band explained as the baseline (the reference: 5)."),
        GeneratorParameter.Integer(RecipeParameters.Seed, 42, 0, uint.MaxValue, "Seeds the noise, UMAP and the search."),
        RecipeParameters.DeviceParameter,
        RecipeParameters.ThreadsParameter,
    ];

    public IReadOnlyList<ValidationError> Validate(ParameterValues parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var (_, parameter, problem) = step2Runs.Resolve(parameters.GetString(RunParameter), parameters.GetString(EpochParameter));
        return problem is null ? [] : [new ValidationError(DatasetSpecError.ParameterField(parameter!), problem)];
    }

    public TrainingDevice Device(ParameterValues parameters) => RecipeParameters.DeviceOf(parameters);

    public async Task ExecuteAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Parameters;
        var (resolved, parameter, problem) = step2Runs.Resolve(p.GetString(RunParameter), p.GetString(EpochParameter));
        var run = resolved ?? throw new RequestValidationException(DatasetSpecError.ParameterField(parameter!), problem!);
        var device = RecipeParameters.DeviceOf(p);
        ulong seed = (ulong)p.GetInt64(RecipeParameters.Seed);
        int n = p.GetInt32(ImagesParameter);
        double acd = p.GetDouble(AcdParameter);
        var log = context.Log;
        log.Write($"step-2 run {run.Name} ({run.RunId}), epoch {run.Epoch} ({run.EpochRule}), {run.Source} {run.Pos}v{run.Neg}, classifier run {run.ClassifierRunId}");

        var data = await datasets.LoadAsync(BinaryPairData.SourceSpec(run.Source, digits), DatasetSpecError.ParameterField(RunParameter), cancellationToken);
        var pair = BinaryPairData.From(run.Source, data, run.Pos, run.Neg, 0);
        var cache = GastenCache.For(digits, run.Source, artifacts);
        using var features = await fidNetworks.LoadAsync(trainer, data, run.Source, pair.Size, cache, device, log.Write, cancellationToken);
        var fidReference = await FidNetworks.ReferenceStatsAsync(features, pair, cache, log.Write, cancellationToken);

        string work = Path.Combine(Path.GetTempPath(), $"digitforge-ambiguity-{context.RunId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            var classifier = await classifierRuns.LoadAsync(run.ClassifierRunId, trainer, device, pair, work, cancellationToken);
            using var classifierModel = classifier.Model;
            string generatorPath = Path.Combine(work, "generator.pt");
            await step2Runs.DownloadGeneratorAsync(run, generatorPath, cancellationToken);
            using var generator = trainer.LoadModel(generatorPath, device);
            await context.Tracker.LogParamsAsync(context.RunId, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["step2_run"] = run.RunId,
                ["step2_run_name"] = run.Name,
                ["epoch_resolved"] = run.Epoch.ToString(CultureInfo.InvariantCulture),
                ["classifier"] = classifier.Name,
                ["classifier_run"] = run.ClassifierRunId,
                ["weight"] = run.Weight,
                ["pair"] = $"{run.Source} {pair.PairName}",
                ["fid_network"] = features.Name,
                ["source_origin"] = digits.OriginId(run.Source, DataSplit.Train) ?? "unrecorded",
            }, cancellationToken);

            var generated = Generate(generator, classifier, features, fidReference, pair.Size, n, acd, seed, log);
            await LogGenerationAsync(context, generated, pair.Size);
            int kept = generated.Kept.Length;
            var space = p.GetString(MethodParameter) == HdbscanMethod ? ClusteringSpace.ForHdbscan() : new ClusteringSpace();
            int needed = space.Method == ClusteringMethod.Gmm ? space.ClustersMax + 1 : (2 * space.ClustersMin) + 1;
            if (kept < needed)
            {
                throw new RequestValidationException(DatasetSpecError.ParameterField(AcdParameter),
                    $"Only {kept} of {n:N0} images have |C − 0.5| ≤ {acd}: fewer than the {needed} the search's clusters need (raise images or acd, or pick another epoch).");
            }

            var result = await SearchAsync(context, generated, space, p.GetInt32(IterationsParameter), seed, cancellationToken);
            string? keptDataset = await RegisterKeptSetAsync(context, result, cancellationToken);
            var prototypes = await PrototypesAsync(context, generated, result, pair.Size, p.GetInt32(GridImagesParameter), p.GetInt32(RecipeParameters.Threads), classifierModel, cancellationToken);
            var baseline = await BaselineAsync(context, pair, classifier, acd, p.GetInt32(BaselineParameter), seed, p.GetInt32(RecipeParameters.Threads), cancellationToken);
            await MapAsync(context, pair, classifier, generated, result, prototypes.Medoids, seed, log);
            await PublishAsync(context, run, generated, result, prototypes, baseline, n, keptDataset, space.Method);
        }
        finally
        {
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

    /// <summary>The N seeded latent vectors: N(0, 1) from the seed's own stream.</summary>
    public static float[] Noise(int count, int zDim, ulong seed)
    {
        var random = KeyedRandom.For(seed, NoiseKey);
        float[] z = new float[count * zDim];
        for (int i = 0; i < z.Length; i++)
        {
            z[i] = (float)random.NextNormal();
        }

        return z;
    }

    private static Generated Generate(
        ITrainableModel generator, ClassifierUnderTest classifier, FidNetwork features, GaussianStats fidReference, int size, int n, double acd, ulong seed, JobLog log)
    {
        var clock = Stopwatch.StartNew();
        int zDim = generator.Description.InputShape[0];
        float[] z = Noise(n, zDim, seed);
        int pixels = size * size;
        float[] images = Forward(generator, z, n, zDim, -1, pixels);
        float[] c = Forward(classifier.Model, images, n, pixels, -1, 1);
        double fidAll = FrechetDistance.Compute(fidReference, GaussianStats.Of(Forward(features.Model, images, n, pixels, features.FeatureLayers, features.Features), n, features.Features));
        int[] kept = [.. Enumerable.Range(0, n).Where(i => Math.Abs(c[i] - 0.5) <= acd + 1e-9)];
        float[] keptImages = Rows(images, kept, pixels);
        double? fidKept = kept.Length >= 2048
            ? FrechetDistance.Compute(fidReference, GaussianStats.Of(Forward(features.Model, keptImages, kept.Length, pixels, features.FeatureLayers, features.Features), kept.Length, features.Features))
            : null;
        int layers = GastenClassifierModels.EmbeddingLayers(classifier.Type);
        int width = classifier.Model.OutputSizeAt(layers);
        float[] embeddings = kept.Length == 0 ? [] : Forward(classifier.Model, keptImages, kept.Length, pixels, layers, width);
        log.Write(string.Create(CultureInfo.InvariantCulture,
            $"step 3: {n:N0} images in {clock.Elapsed.TotalSeconds:0.0} s; kept {kept.Length:N0} with |C − 0.5| ≤ {acd} ({100.0 * kept.Length / n:0.00} %); FID all {fidAll:0.00}, kept {(fidKept is { } f ? f.ToString("0.00", CultureInfo.InvariantCulture) : "– (< 2048 kept)")}; embeddings {width} wide"));
        return new Generated(z, zDim, kept, keptImages, [.. kept.Select(i => c[i])], embeddings, width, fidAll, fidKept, GastenPictures.Histogram(c), features.Name);
    }

    private async Task LogGenerationAsync(ExperimentContext context, Generated g, int size)
    {
        string id = context.RunId;
        var metrics = new List<Tracking.Runs.LogBatch.MetricInput>
        {
            new("fid_score_all", g.FidAll, 0),
            new("n_ambiguous_images", g.Kept.Length, 0),
        };
        if (g.FidKept is { } fidKept)
        {
            metrics.Add(new("fid_score_ambiguous", fidKept, 0));
        }

        await context.Tracker.LogMetricsAsync(id, metrics, CancellationToken.None);
        int k = g.Kept.Length;
        await context.Tracker.UploadAsync(id, "ambiguous/images.npy", GastenPictures.Npy(g.Images, k, size, size), CancellationToken.None);
        await context.Tracker.UploadAsync(id, "ambiguous/c.npy", GastenPictures.Npy(g.C, k), CancellationToken.None);
        await context.Tracker.UploadAsync(id, "ambiguous/embeddings.npy", GastenPictures.Npy(g.Embeddings, k, g.Width), CancellationToken.None);
        await context.Tracker.UploadAsync(id, "ambiguous/z.npy", GastenPictures.Npy(Rows(g.Z, g.Kept, g.ZDim), k, g.ZDim), CancellationToken.None);
        await context.Tracker.UploadAsync(id, "ambiguous/index.npy", GastenPictures.Npy([.. g.Kept.Select(i => (float)i)], k), CancellationToken.None);
        await context.Tracker.LogImageAsync(id, "c_histogram", 0, Png(GastenPictures.HistogramPicture(g.Histogram)), "20-bin histogram of C over all generated images", CancellationToken.None);
    }

    private static async Task<ClusteringResult> SearchAsync(ExperimentContext context, Generated g, ClusteringSpace space, int iterations, ulong seed, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var trials = new List<ClusteringTrial>();
        var result = await Task.Run(() => ClusteringSearch.Run(g.Embeddings, g.Width, space, iterations, seed, t =>
        {
            trials.Add(t);
            context.Log.Write(string.Create(CultureInfo.InvariantCulture,
                $"trial {t.Index + 1}/{iterations}: n_neighbors {t.Params.Neighbors}, min_dist {t.Params.MinDist:0.000}, n_components {t.Params.Components}, {Clusterer(space.Method, t.Params)} → silhouette {t.Silhouette:0.0000} ({t.ClustersFound} clusters, {t.Elapsed.TotalSeconds:0.0} s){(t.Failure is null ? string.Empty : "; " + t.Failure)}"));
        }, cancellationToken), cancellationToken);
        string id = context.RunId;
        await context.Tracker.LogMetricsAsync(id,
            [.. result.Trials.Where(t => double.IsFinite(t.Silhouette)).Select(t => new Tracking.Runs.LogBatch.MetricInput("search/silhouette", t.Silhouette, t.Index + 1))], CancellationToken.None);
        bool hdbscan = space.Method == ClusteringMethod.Hdbscan;
        var csv = new StringBuilder(hdbscan
            ? "trial,umap__n_neighbors,umap__min_dist,umap__n_components,hdbscan__min_cluster_size,hdbscan__cluster_selection_epsilon,silhouette,clusters_found,seconds,failure\n"
            : "trial,umap__n_neighbors,umap__min_dist,umap__n_components,gmm__n_components,silhouette,clusters_found,seconds,failure\n");
        foreach (var t in result.Trials)
        {
            string clusterer = hdbscan ? string.Create(CultureInfo.InvariantCulture, $"{t.Params.Clusters},{t.Params.Epsilon:R}") : t.Params.Clusters.ToString(CultureInfo.InvariantCulture);
            csv.Append(CultureInfo.InvariantCulture, $"{t.Index + 1},{t.Params.Neighbors},{t.Params.MinDist:R},{t.Params.Components},{clusterer},{t.Silhouette:R},{t.ClustersFound},{t.Elapsed.TotalSeconds:0.000},\"{t.Failure?.Replace('"', '\'')}\"\n");
        }

        await context.Tracker.UploadAsync(id, TrialsCsv, Encoding.UTF8.GetBytes(csv.ToString()), CancellationToken.None);
        var best = result.Best.Params;
        var bestParams = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["best_umap__n_neighbors"] = best.Neighbors.ToString(CultureInfo.InvariantCulture),
            ["best_umap__min_dist"] = best.MinDist.ToString("0.0000", CultureInfo.InvariantCulture),
            ["best_umap__n_components"] = best.Components.ToString(CultureInfo.InvariantCulture),
            ["search"] = $"TPE ({ClusteringSearch.StartupTrials} random startup trials), {iterations} trials, whole-set silhouette (no CV refits)",
            ["clustering"] = hdbscan ? $"umap+hdbscan (leaf, min_samples {space.MinSamples})" : "umap+gmm",
        };
        if (hdbscan)
        {
            bestParams["best_hdbscan__min_cluster_size"] = best.Clusters.ToString(CultureInfo.InvariantCulture);
            bestParams["best_hdbscan__cluster_selection_epsilon"] = best.Epsilon.ToString("0.0000", CultureInfo.InvariantCulture);
        }
        else
        {
            bestParams["best_gmm__n_components"] = best.Clusters.ToString(CultureInfo.InvariantCulture);
        }

        await context.Tracker.LogParamsAsync(id, bestParams, CancellationToken.None);
        var scores = new List<Tracking.Runs.LogBatch.MetricInput>
        {
            new("silhouette_score", result.Silhouette, 0),
            new("calinski_harabasz_score", result.CalinskiHarabasz, 0),
            new("davies_bouldin_score", result.DaviesBouldin, 0),
            new("n_clusters", result.Clusters, 0),
            new("search_seconds", clock.Elapsed.TotalSeconds, 0),
        };
        if (hdbscan)
        {
            scores.Add(new("n_noise", result.Noise, 0));
        }

        await context.Tracker.LogMetricsAsync(id, scores, CancellationToken.None);
        context.Log.Write(string.Create(CultureInfo.InvariantCulture,
            $"step 4: best of {iterations} trials in {clock.Elapsed.TotalSeconds:0.0} s: silhouette {result.Silhouette:0.0000}, Calinski-Harabasz {result.CalinskiHarabasz:0.0}, Davies-Bouldin {result.DaviesBouldin:0.0000}, {result.Clusters} clusters, sizes {string.Join("/", result.Sizes)}{(hdbscan ? $", {result.Noise} noise" : string.Empty)}"));
        return result;
    }

    private static string Clusterer(ClusteringMethod method, ClusteringParams p) => method == ClusteringMethod.Hdbscan
        ? string.Create(CultureInfo.InvariantCulture, $"hdbscan min_cluster_size {p.Clusters}, epsilon {p.Epsilon:0.000}")
        : string.Create(CultureInfo.InvariantCulture, $"gmm {p.Clusters}");

    /// <summary>One medoid per cluster in the reduced space (HDBSCAN's noise takes no part), as indices of all kept images.</summary>
    public static int[] Medoids(ClusteringResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        int dims = result.Best.Params.Components;
        int[] keep = [.. Enumerable.Range(0, result.Labels.Length).Where(i => result.Labels[i] >= 0)];
        var (points, labels) = ClusteringSearch.Clustered(result.Reduced, dims, result.Labels);
        return [.. ClusterMetrics.Medoids(points, dims, labels, result.Clusters).Select(m => keep[m])];
    }

    private async Task<PrototypeSet> PrototypesAsync(
        ExperimentContext context, Generated g, ClusteringResult result, int size, int gridImages, int threads, ITrainableModel classifier, CancellationToken cancellationToken)
    {
        string id = context.RunId;
        int[] medoids = Medoids(result);
        double similarity = MeanPairwiseCosine(g.Embeddings, g.Width, medoids);
        await context.Tracker.LogMetricsAsync(id, [new("prototype_cosine_similarity", similarity, 0)], CancellationToken.None);
        int pixels = size * size;
        float[] prototypeImages = Rows(g.Images, medoids, pixels);
        await context.Tracker.LogImageAsync(id, PrototypesKey, 0, Png(AmbiguityPictures.Grid(g.Images, medoids, size, medoids.Length)),
            "the medoid prototype of each cluster, cluster 0 first", CancellationToken.None);
        for (int c = 0; c < result.Clusters; c++)
        {
            // The prototype first, then members in index order, up to the grid's size.
            var members = new List<int> { medoids[c] };
            members.AddRange(Enumerable.Range(0, result.Labels.Length).Where(i => result.Labels[i] == c && i != medoids[c]).Take(gridImages - 1));
            await context.Tracker.LogImageAsync(id, ClusterImagesKey, c, Png(AmbiguityPictures.Grid(g.Images, members, size, 8, medoids[c])),
                string.Create(CultureInfo.InvariantCulture, $"cluster {c}: {result.Sizes[c]} images; the prototype (framed) first"), CancellationToken.None);
            await context.Tracker.UploadAsync(id, string.Create(CultureInfo.InvariantCulture, $"prototypes/cluster-{c:00}.png"),
                Png(AmbiguityPictures.Grid(g.Images, [medoids[c]], size, 1)), CancellationToken.None);
        }

        Attributions? attributions = null;
        if (AmbiguityAttribution.Available(runner))
        {
            attributions = await AmbiguityAttribution.ComputeAsync(runner, classifier, prototypeImages, medoids.Length, size, threads, cancellationToken);
            await context.Tracker.LogImageAsync(id, AttributionsKey, 0,
                Png(AmbiguityPictures.Attributions(prototypeImages, attributions.Saliency, attributions.IntegratedGradients, medoids.Length, size)),
                "per prototype (one row per cluster): the image, saliency |dC/dx| (black→red→yellow) and integrated gradients from the black image (blue −, red +)", CancellationToken.None);
            await context.Tracker.UploadAsync(id, "prototypes/saliency.npy", GastenPictures.Npy(attributions.Saliency, medoids.Length, size, size), CancellationToken.None);
            await context.Tracker.UploadAsync(id, "prototypes/integrated_gradients.npy", GastenPictures.Npy(attributions.IntegratedGradients, medoids.Length, size, size), CancellationToken.None);
        }
        else
        {
            context.Log.Write($"the engine has no {AmbiguityAttribution.TaskName} task (rebuild it with scripts/build-native.sh): no saliency maps");
        }

        await context.Tracker.UploadAsync(id, "prototypes/index.npy", GastenPictures.Npy([.. medoids.Select(m => (float)g.Kept[m])], medoids.Length), CancellationToken.None);
        context.Log.Write(string.Create(CultureInfo.InvariantCulture, $"step 5: {medoids.Length} medoid prototypes; mean pairwise cosine similarity of their embeddings {similarity:0.0000}"));
        return new PrototypeSet(medoids, similarity, attributions is not null);
    }

    private async Task<Baseline> BaselineAsync(
        ExperimentContext context, BinaryPairData pair, ClassifierUnderTest classifier, double acd, int count, ulong seed, int threads, CancellationToken cancellationToken)
    {
        int pixels = pair.Size * pair.Size;
        var test = pair.Test;
        float[] c = Forward(classifier.Model, test.X, test.Count, pixels, -1, 1);
        int[] band = [.. Enumerable.Range(0, test.Count).Where(i => Math.Abs(c[i] - 0.5) <= acd + 1e-9)];
        await context.Tracker.LogMetricsAsync(context.RunId, [new("n_tst_ambiguous_images", band.Length, 0)], CancellationToken.None);
        if (band.Length == 0)
        {
            context.Log.Write($"baseline: no real {pair.PairName} test image has |C − 0.5| ≤ {acd}");
            return new Baseline(0, double.NaN);
        }

        int[] order = BinaryPairData.Permutation(band.Length, seed);
        int[] chosen = [.. order.Take(Math.Min(count, band.Length)).Select(i => band[i])];
        float[] images = Rows(test.X, chosen, pixels);
        int layers = GastenClassifierModels.EmbeddingLayers(classifier.Type);
        int width = classifier.Model.OutputSizeAt(layers);
        float[] embeddings = Forward(classifier.Model, images, chosen.Length, pixels, layers, width);
        double similarity = chosen.Length > 1 ? MeanPairwiseCosine(embeddings, width, [.. Enumerable.Range(0, chosen.Length)]) : double.NaN;
        if (double.IsFinite(similarity))
        {
            await context.Tracker.LogMetricsAsync(context.RunId, [new("baseline_cosine_similarity", similarity, 0)], CancellationToken.None);
        }

        if (AmbiguityAttribution.Available(runner))
        {
            var a = await AmbiguityAttribution.ComputeAsync(runner, classifier.Model, images, chosen.Length, pair.Size, threads, cancellationToken);
            await context.Tracker.LogImageAsync(context.RunId, BaselineKey, 0, Png(AmbiguityPictures.Attributions(images, a.Saliency, a.IntegratedGradients, chosen.Length, pair.Size)),
                $"baseline: {chosen.Length} random real test images with |C − 0.5| ≤ {acd.ToString(CultureInfo.InvariantCulture)} (of {band.Length}); image, saliency, integrated gradients", CancellationToken.None);
        }
        else
        {
            await context.Tracker.LogImageAsync(context.RunId, BaselineKey, 0, Png(AmbiguityPictures.Grid(images, [.. Enumerable.Range(0, chosen.Length)], pair.Size, chosen.Length)),
                $"baseline: {chosen.Length} random real test images in the band (of {band.Length})", CancellationToken.None);
        }

        context.Log.Write(string.Create(CultureInfo.InvariantCulture, $"baseline: {band.Length} of {test.Count} real test images in the band; {chosen.Length} explained, cosine similarity {similarity:0.0000}"));
        return new Baseline(band.Length, similarity);
    }

    /// <summary>
    /// The 2-D picture: one UMAP (2 components, 15 neighbours, min_dist 0.1) fitted on the real test set's and the
    /// ambiguous images' embeddings together (the reference fits on the test set and transforms the rest; a joint fit
    /// needs no out-of-sample transform), drawn with the clusters and prototypes.
    /// </summary>
    private async Task MapAsync(ExperimentContext context, BinaryPairData pair, ClassifierUnderTest classifier, Generated g, ClusteringResult result, int[] medoids, ulong seed, JobLog log)
    {
        var clock = Stopwatch.StartNew();
        int pixels = pair.Size * pair.Size;
        int layers = GastenClassifierModels.EmbeddingLayers(classifier.Type);
        var test = pair.Test;
        float[] testEmbeddings = Forward(classifier.Model, test.X, test.Count, pixels, layers, g.Width);
        float[] joint = [.. testEmbeddings, .. g.Embeddings];
        int total = test.Count + g.Kept.Length;
        float[] map = await Task.Run(() => Umap.FitTransform(joint, g.Width, new UmapOptions(Neighbors: Math.Min(15, total - 1), Seed: seed)));
        (float, float) At(int i) => (map[2 * i], map[(2 * i) + 1]);
        var picture = AmbiguityPictures.Map(
            [.. Enumerable.Range(0, test.Count).Select(At)], [.. Enumerable.Range(0, test.Count).Select(i => test.Y[i] > 0.5f)],
            [.. Enumerable.Range(0, g.Kept.Length).Select(i => At(test.Count + i))], result.Labels,
            [.. medoids.Select(m => At(test.Count + m))], [.. Enumerable.Range(0, medoids.Length)]);
        await context.Tracker.LogImageAsync(context.RunId, MapKey, 0, Png(picture),
            $"UMAP 2-D of classifier embeddings: real {pair.PairName} test set (light grey {pair.Pos}, dark grey {pair.Neg}), ambiguous images coloured by cluster, prototypes as ringed discs", CancellationToken.None);
        log.Write(string.Create(CultureInfo.InvariantCulture, $"2-D map of {total:N0} embeddings in {clock.Elapsed.TotalSeconds:0.0} s"));
    }

    /// <summary>
    /// Uploads the best clustering's labels (<c>ambiguous/clusters.npy</c>) and stores the kept set as a
    /// <c>gasten-ambiguous</c> dataset (rows API, bundles, gallery); its id is the param <see cref="KeptDatasetParam"/>.
    /// The dataset quota being full costs the registration only, not the run.
    /// </summary>
    private async Task<string?> RegisterKeptSetAsync(ExperimentContext context, ClusteringResult result, CancellationToken cancellationToken)
    {
        await context.Tracker.UploadAsync(context.RunId, "ambiguous/clusters.npy", GastenPictures.Npy([.. result.Labels.Select(l => (float)l)], result.Labels.Length), CancellationToken.None);
        try
        {
            var dataset = await catalog.SaveAsync(resolver.Resolve(keptSets.KeptSpec(context.RunId)), cancellationToken);
            await context.Tracker.LogParamsAsync(context.RunId, new Dictionary<string, string>(StringComparer.Ordinal) { [KeptDatasetParam] = dataset.Id }, CancellationToken.None);
            context.Log.Write($"kept images stored as dataset {dataset.Id} ({AmbiguousImagesGenerator.GeneratorName}): GET /api/datasets/{dataset.Id}/rows, bundles as any dataset");
            return dataset.Id;
        }
        catch (DatasetQuotaException ex)
        {
            context.Log.Write($"kept images not stored as a dataset: {ex.Message}");
            return null;
        }
        catch (RequestValidationException ex)
        {
            // E.g. the configured dataset byte budget: the artifacts still hold the kept set.
            context.Log.Write($"kept images not stored as a dataset: {string.Join("; ", ex.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
            return null;
        }
    }

    private static async Task PublishAsync(ExperimentContext context, Step2Run run, Generated g, ClusteringResult result, PrototypeSet prototypes, Baseline baseline, int n, string? keptDataset, ClusteringMethod method)
    {
        var best = result.Best.Params;
        bool hdbscan = method == ClusteringMethod.Hdbscan;
        static string F(double v, string format) => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";
        var sizes = Enumerable.Range(0, result.Clusters).Select(c => new SummaryRow(
        [
            c.ToString(CultureInfo.InvariantCulture), result.Sizes[c].ToString(CultureInfo.InvariantCulture),
            F(g.C[prototypes.Medoids[c]], "0.000"), g.Kept[prototypes.Medoids[c]].ToString(CultureInfo.InvariantCulture),
        ])).ToList();
        var trials = result.Trials.Select(t => new SummaryRow(
        [
            (t.Index + 1).ToString(CultureInfo.InvariantCulture), t.Params.Neighbors.ToString(CultureInfo.InvariantCulture), F(t.Params.MinDist, "0.000"),
            t.Params.Components.ToString(CultureInfo.InvariantCulture),
            hdbscan ? string.Create(CultureInfo.InvariantCulture, $"{t.Params.Clusters}, ε {t.Params.Epsilon:0.000}") : t.Params.Clusters.ToString(CultureInfo.InvariantCulture), F(t.Silhouette, "0.0000"),
            t.ClustersFound.ToString(CultureInfo.InvariantCulture), F(t.Elapsed.TotalSeconds, "0.0"),
        ])).ToList();
        var images = new List<SummaryImage>
        {
            new(PrototypesKey, "Prototypes (one medoid per cluster)"),
        };
        if (prototypes.Explained)
        {
            images.Add(new SummaryImage(AttributionsKey, "Prototypes: image, saliency |dC/dx|, integrated gradients"));
        }

        images.AddRange(
        [
            new SummaryImage(ClusterImagesKey, "Cluster images (slider: cluster; prototype framed)"),
            new SummaryImage(MapKey, "UMAP 2-D: test set, clusters, prototypes"),
            new SummaryImage(BaselineKey, "Baseline: real test images in the band"),
            new SummaryImage("c_histogram", "Histogram of C over the generated images"),
        ]);
        await context.PublishSummaryAsync(new ExperimentSummary(
            [
                new SummaryFigure("step-2 run", $"{run.Name} epoch {run.Epoch}"),
                new SummaryFigure("#syn (kept)", string.Create(CultureInfo.InvariantCulture, $"{g.Kept.Length:N0} of {n:N0}"), g.Kept.Length),
                new SummaryFigure("#test (real, in band)", baseline.InBand.ToString(CultureInfo.InvariantCulture), baseline.InBand),
                new SummaryFigure("FID all", F(g.FidAll, "0.00"), g.FidAll),
                new SummaryFigure("FID kept", g.FidKept is { } fk ? F(fk, "0.00") : "– (< 2048 kept)", g.FidKept),
                new SummaryFigure("silhouette", F(result.Silhouette, "0.0000"), result.Silhouette),
                new SummaryFigure("Calinski-Harabasz", F(result.CalinskiHarabasz, "0.0"), result.CalinskiHarabasz),
                new SummaryFigure("Davies-Bouldin", F(result.DaviesBouldin, "0.0000"), result.DaviesBouldin),
                new SummaryFigure("clusters", result.Clusters.ToString(CultureInfo.InvariantCulture), result.Clusters),
                new SummaryFigure("best params", string.Create(CultureInfo.InvariantCulture, $"n_neighbors {best.Neighbors}, min_dist {best.MinDist:0.000}, n_components {best.Components}, {Clusterer(hdbscan ? ClusteringMethod.Hdbscan : ClusteringMethod.Gmm, best)}")),
                new SummaryFigure("clustering", hdbscan ? "UMAP + HDBSCAN (leaf, min_samples 3)" : "UMAP + GMM"),
                new SummaryFigure("noise points", hdbscan ? result.Noise.ToString(CultureInfo.InvariantCulture) : "– (GMM: none)", hdbscan ? result.Noise : null),
                new SummaryFigure("prototype cosine similarity", F(prototypes.CosineSimilarity, "0.0000"), prototypes.CosineSimilarity),
                new SummaryFigure("baseline cosine similarity", F(baseline.CosineSimilarity, "0.0000"), double.IsFinite(baseline.CosineSimilarity) ? baseline.CosineSimilarity : null),
                new SummaryFigure("FID network", g.FidNetwork),
                new SummaryFigure("kept images dataset", keptDataset ?? "– (not stored: see the log)"),
            ],
            [
                new SummaryTable("cluster_sizes", "Clusters", ["cluster", "size", "C(prototype)", "prototype (generated index)"], sizes,
                    "Prototype PNGs: artifacts prototypes/cluster-NN.png; all kept images, C, embeddings and z: ambiguous/*.npy."),
                new SummaryTable("trials", "Hyperparameter search (TPE, silhouette in UMAP space)", ["trial", "n_neighbors", "min_dist", "n_components", hdbscan ? "hdbscan (min_cluster_size, ε)" : "gmm", "silhouette", "clusters", "s"], trials,
                    $"Also in {TrialsCsv}."),
            ],
            images,
            [new SummaryCurve("search/silhouette", "Silhouette per search trial")]));
    }

    /// <summary>Mean off-diagonal cosine similarity of the rows <paramref name="rows"/> (the reference's avg_pairwise_distance, which is a similarity).</summary>
    public static double MeanPairwiseCosine(ReadOnlySpan<float> embeddings, int width, IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count < 2)
        {
            return double.NaN;
        }

        double sum = 0;
        int pairs = 0;
        for (int a = 0; a < rows.Count; a++)
        {
            for (int b = 0; b < rows.Count; b++)
            {
                if (a == b)
                {
                    continue;
                }

                var x = embeddings.Slice(rows[a] * width, width);
                var y = embeddings.Slice(rows[b] * width, width);
                double dot = Distances.Dot(x, y);
                double norm = Math.Sqrt(Distances.Dot(x, x) * (double)Distances.Dot(y, y));
                sum += norm > 0 ? dot / norm : 0;
                pairs++;
            }
        }

        return sum / pairs;
    }

    private static float[] Forward(ITrainableModel model, float[] input, int rows, int inWidth, int layers, int outWidth)
    {
        float[] output = new float[rows * outWidth];
        for (int start = 0; start < rows; start += Batch)
        {
            int count = Math.Min(Batch, rows - start);
            float[] part = model.Forward(input.AsSpan(start * inWidth, count * inWidth), layers);
            part.CopyTo(output, start * outWidth);
        }

        return output;
    }

    private static float[] Rows(float[] source, int[] rows, int width)
    {
        float[] result = new float[rows.Length * width];
        for (int i = 0; i < rows.Length; i++)
        {
            Array.Copy(source, rows[i] * width, result, i * width, width);
        }

        return result;
    }

    private byte[] Png(Raster raster) => charts.Picture(raster.Height, raster.Width, raster.Channels, raster.Pixels);

    private sealed record Generated(
        float[] Z, int ZDim, int[] Kept, float[] Images, float[] C, float[] Embeddings, int Width, double FidAll, double? FidKept, int[] Histogram, string FidNetwork);

    private sealed record PrototypeSet(int[] Medoids, double CosineSimilarity, bool Explained);

    private sealed record Baseline(int InBand, double CosineSimilarity);
}
