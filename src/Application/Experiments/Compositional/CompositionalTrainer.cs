using System.Globalization;
using System.Text.Json.Nodes;
using DigitForge.Application.Training;
using DigitForge.Application.Training.Tasks;
using DigitForge.Domain.Corruptions.Compositions;

namespace DigitForge.Application.Experiments.Compositional;

/// <summary>
/// Trains one method on the elemental sets through the engine's tasks (native/src/tasks/classifier.cpp and
/// compositional.cpp), tracking its curves into the method's child run, and returns its frozen models.
/// </summary>
public sealed class CompositionalTrainer(ITrainer trainer, TrackedTraining training, ITrainingTaskRunner runner)
{
    public const double AutoencoderLearningRate = 1e-3;

    /// <summary>Everything a method's training needs besides the data.</summary>
    /// <param name="Backbone">The source's backbone (<see cref="CompositionalBackbone.For"/>).</param>
    /// <param name="LearningRate">The classifiers' SGD learning rate (the source's, spec B.6).</param>
    /// <param name="ContrastiveWeight">The contrastive terms' weight (0.1; FaceScrub 0.01).</param>
    public sealed record Settings(
        CompositionalPreset Preset, CompositionalBackbone Backbone, double LearningRate, double ContrastiveWeight, ulong Seed, TrainingDevice Device, int Threads);

    /// <param name="context">The job.</param>
    /// <param name="method">One of <see cref="CompositionalMethods.All"/>.</param>
    /// <param name="runId">The method's child run.</param>
    /// <param name="data">The elemental training sets.</param>
    /// <param name="settings">Preset, classes, seed, device.</param>
    /// <param name="cancellationToken">Cancels training.</param>
    /// <param name="earlier">Methods this job trained before: ImgSpaceIdentity copies ImgSpace's autoencoders and
    /// AutoModules' identity backbone (the same training, same seeds) instead of training them again.</param>
    public async Task<TrainedMethod> TrainAsync(
        ExperimentContext context, string method, string runId, ElementalTrainingSet data, Settings settings, CancellationToken cancellationToken,
        IReadOnlyList<TrainedMethod>? earlier = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        var trained = new TrainedMethod(method, runId);
        try
        {
            switch (method)
            {
                case CompositionalMethods.CrossEntropy:
                    trained.Add("model", await ClassifierAsync(context, runId, data.X, data.Y, settings, settings.Seed, cancellationToken));
                    break;
                case CompositionalMethods.Contrastive:
                    trained.Add("model", await ContrastiveAsync(context, runId, data, settings, cancellationToken));
                    break;
                case CompositionalMethods.AutoModules:
                    await AutoModulesAsync(context, trained, data, settings, cancellationToken);
                    break;
                case CompositionalMethods.ImgSpace:
                    await ImgSpaceAsync(context, trained, data, settings, cancellationToken);
                    break;
                case CompositionalMethods.ImgSpaceIdentity:
                    await ImgSpaceIdentityAsync(context, trained, data, settings, earlier ?? [], cancellationToken);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown method.");
            }

            return trained;
        }
        catch
        {
            trained.Dispose();
            throw;
        }
    }

    private ITrainableModel Backbone(Settings s, ulong seed) => trainer.CreateModel(s.Backbone.Model, s.Device, seed);

    /// <summary>Rows of images as the backbone takes them: [rows, channels, size, size].</summary>
    private static TaskInput Images(string name, float[] x, int rows, Settings s) =>
        TaskInput.Float32(name, x, rows, s.Backbone.Channels, s.Backbone.Size, s.Backbone.Size);

    private static JsonObject Recipe(Settings s, int epochs, double learningRate, ulong seed, string split)
    {
        return new JsonObject
        {
            ["epochs"] = epochs,
            ["batch_size"] = s.Preset.Batch,
            ["optimizer"] = new JsonObject { ["type"] = "sgd", ["learning_rate"] = learningRate, ["momentum"] = 0.9, ["weight_decay"] = 5e-4 },
            ["schedule"] = new JsonObject { ["type"] = "cosine" },
            ["seed"] = seed,
            ["threads"] = s.Threads,
            ["metric_split"] = split,
        };
    }

    /// <summary>Cross-entropy on rows through the generic classifier task (epochs, shuffled, the reference's SGD).</summary>
    private async Task<ITrainableModel> ClassifierAsync(
        ExperimentContext context, string runId, float[] x, long[] y, Settings s, ulong seed, CancellationToken cancellationToken, int? epochs = null)
    {
        var model = Backbone(s, seed);
        try
        {
            var recipe = Recipe(s, epochs ?? s.Preset.Epochs, s.LearningRate, seed, "batch");
            recipe.Remove("metric_split");
            recipe["batch_order"] = "shuffled";
            recipe["report_every"] = Math.Max(1, y.Length / s.Preset.Batch);
            var request = new TrainingTaskRequest("classifier", [new TaskModel("model", model)],
                [Images("train_x", x, y.Length, s), TaskInput.Int64("train_y", y, y.Length)], recipe.ToJsonString());
            await training.RunAsync(context, runId, request, Log(context, "batch"), cancellationToken);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private async Task<ITrainableModel> ContrastiveAsync(ExperimentContext context, string runId, ElementalTrainingSet data, Settings s, CancellationToken cancellationToken)
    {
        var model = Backbone(s, s.Seed);
        try
        {
            var recipe = Recipe(s, s.Preset.Epochs, s.LearningRate, s.Seed, "train");
            recipe["views"] = data.Views;
            recipe["embedding_layers"] = s.Backbone.EmbeddingLayers;
            recipe["temperature"] = 0.15;
            recipe["contrastive_weight"] = s.ContrastiveWeight;
            // A batch holds batch_size images with all their views: keep the rows per step near the preset's batch.
            recipe["batch_size"] = Math.Max(2, s.Preset.Batch / data.Views);
            var request = new TrainingTaskRequest("contrastive", [new TaskModel("model", model)],
                [Images("train_x", data.X, data.Y.Length, s), TaskInput.Int64("train_y", data.Y, data.Y.Length)], recipe.ToJsonString());
            await training.RunAsync(context, runId, request, Log(context, "train"), cancellationToken);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Step 1: a backbone on identity only. Step 2, per corruption: the level whose module's training loss falls
    /// fastest over the preset's trial epochs (the spec's fallback when there are fewer than 2 trial epochs or no
    /// level's loss falls), then a fresh module trained there.
    /// </summary>
    private async Task AutoModulesAsync(ExperimentContext context, TrainedMethod trained, ElementalTrainingSet data, Settings s, CancellationToken cancellationToken)
    {
        var (identityX, identityY) = data.Elemental(0);
        var backbone = await ClassifierAsync(context, trained.RunId, identityX, identityY, s, s.Seed, cancellationToken, s.Preset.BackboneEpochs);
        trained.Add("backbone", backbone);
        for (int e = 1; e < data.Views; e++)
        {
            string corruption = CompositionalSet.Elementals[e];
            var (x, _) = data.Elemental(e);
            ulong seed = s.Seed + (ulong)e;
            var drops = new Dictionary<int, double>();
            var candidates = s.Backbone.CandidateLevels(s.Preset.AllLevels);
            if (s.Preset.TrialEpochs >= 2 && candidates.Count > 1)
            {
                foreach (int level in candidates)
                {
                    using var probe = trainer.CreateModel(CompositionalModels.Module(s.Backbone.ActivationShape(level)), s.Device, seed);
                    var losses = new SortedDictionary<long, double>();
                    var observer = new LossObserver("trial", losses);
                    await runner.RunAsync(ModuleRequest(backbone, probe, x, identityX, identityY, s, level, Recipe(s, s.Preset.TrialEpochs, s.Preset.ModuleLearningRate, seed, "trial")), observer, cancellationToken);
                    drops[level] = (losses.First().Value - losses.Last().Value) / (losses.Count - 1);
                }
            }

            int chosen = drops.Count > 0 && drops.Values.Max() > 0 ? drops.MaxBy(d => d.Value).Key : s.Backbone.FallbackLevel(corruption);
            context.Log.Write(string.Create(CultureInfo.InvariantCulture,
                $"AutoModules: {corruption} at level {chosen} ({(drops.Count > 0 ? string.Join(", ", drops.Select(d => $"level {d.Key}: loss falls {d.Value:0.0000}/epoch")) : "fallback")})"));
            await context.Tracker.LogParamsAsync(trained.RunId, new Dictionary<string, string>(StringComparer.Ordinal) { [$"level.{corruption}"] = chosen.ToString(CultureInfo.InvariantCulture) }, cancellationToken);
            var module = trainer.CreateModel(CompositionalModels.Module(s.Backbone.ActivationShape(chosen)), s.Device, seed);
            trained.Add(TrainedMethod.ModuleRole(corruption), module);
            trained.SetLevel(corruption, chosen);
            string split = TrainedMethod.ModuleRole(corruption);
            await training.RunAsync(context, trained.RunId,
                ModuleRequest(backbone, module, x, identityX, identityY, s, chosen, Recipe(s, s.Preset.ModuleEpochs, s.Preset.ModuleLearningRate, seed, split)),
                Log(context, split), cancellationToken);
        }
    }

    /// <summary>The spec's heuristic on the DTN backbone: after the first conv block for contrast, gaussian_blur, impulse_noise and invert, after the last for rotate90 and swirl.</summary>
    public static int FallbackLevel(string corruption) =>
        corruption is "rotate90" or "swirl" ? CompositionalModels.LastConvLevel : CompositionalModels.FirstConvLevel;

    private static TrainingTaskRequest ModuleRequest(ITrainableModel backbone, ITrainableModel module, float[] x, float[] identity, long[] y, Settings s, int level, JsonObject recipe)
    {
        recipe["level"] = level;
        recipe["embedding_layers"] = s.Backbone.EmbeddingLayers;
        recipe["temperature"] = 0.15;
        recipe["contrastive_weight"] = s.ContrastiveWeight;
        return new TrainingTaskRequest("module", [new TaskModel("backbone", backbone, Frozen: true), new TaskModel("module", module)],
        [
            Images("train_x", x, y.Length, s),
            Images("identity_x", identity, y.Length, s),
            TaskInput.Int64("train_y", y, y.Length),
        ], recipe.ToJsonString());
    }

    /// <summary>One autoencoder per corruption (MSE to the identity image), then a classifier on every elemental row passed through its autoencoder.</summary>
    private async Task ImgSpaceAsync(ExperimentContext context, TrainedMethod trained, ElementalTrainingSet data, Settings s, CancellationToken cancellationToken)
    {
        var (identityX, _) = data.Elemental(0);
        float[] cleaned = (float[])data.X.Clone();
        for (int e = 1; e < data.Views; e++)
        {
            string corruption = CompositionalSet.Elementals[e];
            var (x, y) = data.Elemental(e);
            ulong seed = s.Seed + (ulong)e;
            var ae = trainer.CreateModel(CompositionalModels.Autoencoder(data.Size, s.Preset.Width, data.Channels), s.Device, seed);
            trained.Add(TrainedMethod.AutoencoderRole(corruption), ae);
            string split = TrainedMethod.AutoencoderRole(corruption);
            var recipe = Recipe(s, s.Preset.AutoencoderEpochs, s.Preset.LearningRate, seed, split);
            // The spec gives no optimiser for the autoencoders; the classifiers' SGD at 1e-2 leaves them at the mean image
            // after the cpu preset's few epochs (MSE 0.40 of a 0.6 variance), so they use Adam (1e-3, no weight decay).
            recipe["optimizer"] = new JsonObject { ["type"] = "adam", ["learning_rate"] = AutoencoderLearningRate };
            var request = new TrainingTaskRequest("autoencoder", [new TaskModel("model", ae)],
                [Images("train_x", x, y.Length, s), TaskInput.Float32("target_x", identityX, y.Length, data.Pixels)], recipe.ToJsonString());
            await training.RunAsync(context, trained.RunId, request, Log(context, split), cancellationToken);
            float[] output = ae.Forward(x);
            for (int g = 0; g < data.Images; g++)
            {
                Array.Copy(output, (long)g * data.Pixels, cleaned, (long)((g * data.Views) + e) * data.Pixels, data.Pixels);
            }
        }

        trained.Add("classifier", await ClassifierAsync(context, trained.RunId, cleaned, data.Y, s, s.Seed, cancellationToken));
    }

    /// <summary>
    /// ImgSpace's autoencoders (ImgSpace's own when this job trained it, else trained here the same way) before a
    /// classifier trained on Identity images only (AutoModules' backbone when trained, which is exactly that).
    /// </summary>
    private async Task ImgSpaceIdentityAsync(
        ExperimentContext context, TrainedMethod trained, ElementalTrainingSet data, Settings s, IReadOnlyList<TrainedMethod> earlier, CancellationToken cancellationToken)
    {
        var imgSpace = earlier.FirstOrDefault(m => m.Name == CompositionalMethods.ImgSpace);
        var autoModules = earlier.FirstOrDefault(m => m.Name == CompositionalMethods.AutoModules);
        for (int e = 1; e < data.Views; e++)
        {
            string role = TrainedMethod.AutoencoderRole(CompositionalSet.Elementals[e]);
            if (imgSpace is not null)
            {
                trained.Add(role, Copy(imgSpace.Models[role], s.Device));
                continue;
            }

            var (x, y) = data.Elemental(e);
            ulong seed = s.Seed + (ulong)e;
            var ae = trainer.CreateModel(CompositionalModels.Autoencoder(data.Size, s.Preset.Width, data.Channels), s.Device, seed);
            trained.Add(role, ae);
            var recipe = Recipe(s, s.Preset.AutoencoderEpochs, s.Preset.LearningRate, seed, role);
            recipe["optimizer"] = new JsonObject { ["type"] = "adam", ["learning_rate"] = AutoencoderLearningRate };
            var (identityX, _) = data.Elemental(0);
            var request = new TrainingTaskRequest("autoencoder", [new TaskModel("model", ae)],
                [Images("train_x", x, y.Length, s), TaskInput.Float32("target_x", identityX, y.Length, data.Pixels)], recipe.ToJsonString());
            await training.RunAsync(context, trained.RunId, request, Log(context, role), cancellationToken);
        }

        context.Log.Write($"{CompositionalMethods.ImgSpaceIdentity}: autoencoders {(imgSpace is null ? "trained" : "copied from ImgSpace")}, identity-only classifier {(autoModules is null ? "trained" : "copied from AutoModules' backbone")}");
        if (autoModules is not null)
        {
            trained.Add("classifier", Copy(autoModules.Models["backbone"], s.Device));
            return;
        }

        var (idX, idY) = data.Elemental(0);
        trained.Add("classifier", await ClassifierAsync(context, trained.RunId, idX, idY, s, s.Seed, cancellationToken, s.Preset.BackboneEpochs));
    }

    /// <summary>An independent copy (its own lifetime) through a checkpoint file.</summary>
    private ITrainableModel Copy(ITrainableModel model, TrainingDevice device)
    {
        string path = Path.Combine(Path.GetTempPath(), $"digitforge-copy-{Guid.NewGuid():N}.pt");
        try
        {
            model.Save(path);
            return trainer.LoadModel(path, device);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static Action<TaskMetric> Log(ExperimentContext context, string split) => metric =>
    {
        if (metric.Name == "loss" && metric.Split == split)
        {
            context.Log.Write(string.Create(CultureInfo.InvariantCulture, $"{split} {(split == "batch" ? "step" : "epoch")} {metric.Step}: loss {metric.Value:0.0000}"));
        }
    };

    private sealed class LossObserver(string split, SortedDictionary<long, double> losses) : ITaskObserver
    {
        public void OnMetric(TaskMetric metric)
        {
            if (metric.Split == split && metric.Name == "loss")
            {
                losses[metric.Step] = metric.Value;
            }
        }

        public void OnImage(TaskImage image)
        {
        }

        public void OnArtifact(TaskArtifact artifact)
        {
        }
    }
}
