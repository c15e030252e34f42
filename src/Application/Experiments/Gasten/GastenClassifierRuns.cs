using System.Globalization;
using DigitForge.Application.Tracking;
using DigitForge.Application.Tracking.Artifacts.DownloadArtifact;
using DigitForge.Application.Training;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Application.Experiments.Gasten;

/// <summary>
/// The classifiers a <c>gasten</c> job names, found in the tracking database: runs of the <c>gasten-classifier</c> kind
/// (its child runs, or its job's run standing for all of them) for the same source and pair. Checked at submit time, so a
/// missing or wrong run is a 400 naming <c>parameters.classifiers</c>, not a failed job later.
/// </summary>
public sealed class GastenClassifierRuns(IServiceScopeFactory scopes)
{
    /// <summary>Problems with <paramref name="text"/> (empty when fine) and the classifier run ids it stands for.</summary>
    public IReadOnlyList<string> Check(string text, string source, int pos, int neg, out IReadOnlyList<string> runIds)
    {
        var ids = (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        var found = new List<string>();
        runIds = found;
        if (ids.Count == 0)
        {
            return ["Give at least one classifier run id (train them with the gasten-classifier kind; its job's run id stands for all of its classifiers)."];
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ITrackingDbContext>();
        var problems = new List<string>();
        foreach (string id in ids)
        {
            if (!db.Runs.AsNoTracking().Any(r => r.Id == id))
            {
                problems.Add($"Run '{id}' does not exist.");
                continue;
            }

            var own = Params(db, id);
            List<(string Id, Dictionary<string, string> Params)> candidates = own.GetValueOrDefault(GastenClassifierKind.RoleParam) == GastenClassifierKind.RoleValue
                ? [(id, own)]
                : [.. db.Runs.AsNoTracking().Where(r => r.ParentRunId == id).Select(r => r.Id).ToList()
                    .Select(child => (child, Params(db, child)))
                    .Where(c => c.Item2.GetValueOrDefault(GastenClassifierKind.RoleParam) == GastenClassifierKind.RoleValue)];
            if (candidates.Count == 0)
            {
                problems.Add($"Run '{id}' is not a binary classifier of the gasten-classifier kind (nor a gasten-classifier job with classifiers).");
                continue;
            }

            foreach (var (runId, parameters) in candidates)
            {
                string runSource = parameters.GetValueOrDefault(GastenClassifierKind.SourceParameter, "?");
                string runPair = $"{parameters.GetValueOrDefault(GastenClassifierKind.PosParameter, "?")}v{parameters.GetValueOrDefault(GastenClassifierKind.NegParameter, "?")}";
                string pair = string.Create(CultureInfo.InvariantCulture, $"{pos}v{neg}");
                if (runSource != source || runPair != pair)
                {
                    problems.Add($"Run '{runId}' classifies {runSource} {runPair}, not {source} {pair}.");
                }
                else if (!db.Artifacts.AsNoTracking().Any(a => a.RunId == runId && a.Path == GastenClassifierKind.CheckpointArtifact))
                {
                    problems.Add($"Run '{runId}' has no {GastenClassifierKind.CheckpointArtifact} (did its training finish?).");
                }
                else if (!found.Contains(runId))
                {
                    found.Add(runId);
                }
            }
        }

        return problems;
    }

    /// <summary>Downloads and loads a classifier, with its FOCD reference statistics over the binary train set.</summary>
    public async Task<ClassifierUnderTest> LoadAsync(string runId, ITrainer trainer, TrainingDevice device, BinaryPairData pair, string work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(pair);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ITrackingDbContext>();
        var parameters = Params(db, runId);
        string path = Path.Combine(work, $"classifier-{runId}.pt");
        var (_, content) = await scope.ServiceProvider.GetRequiredService<DownloadArtifactHandler>().HandleAsync(runId, GastenClassifierKind.CheckpointArtifact, cancellationToken);
        await using (content)
        await using (var file = File.Create(path))
        {
            await content.CopyToAsync(file, cancellationToken);
        }

        var model = trainer.LoadModel(path, device);
        string type = parameters.GetValueOrDefault(GastenClassifierKind.TypeParameter, GastenClassifierModels.Cnn);
        var all = pair.AllTrain;
        int layers = GastenClassifierModels.EmbeddingLayers(type);
        var focd = GaussianStats.Of(model.Forward(all.X, layers), all.Count, model.OutputSizeAt(layers));
        // The reference's Cname: the folder name without its ".seed" suffix (cnn-4-1.3664 → cnn-4-1).
        string name = $"{type}-{parameters.GetValueOrDefault(GastenClassifierKind.NfParameter, "?")}-{parameters.GetValueOrDefault(GastenClassifierKind.EpochsParameter, "?")}";
        return new ClassifierUnderTest(runId, name, type, model, focd, parameters.GetValueOrDefault("test_loss", "?"));
    }

    private static Dictionary<string, string> Params(ITrackingDbContext db, string runId) =>
        db.Params.AsNoTracking().Where(p => p.RunId == runId).ToList().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
