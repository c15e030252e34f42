using System.Globalization;
using DigitForge.Application.Experiments.Gasten;
using DigitForge.Application.Tracking;
using DigitForge.Application.Tracking.Artifacts.DownloadArtifact;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Application.Experiments.Ambiguity;

/// <summary>A GASTeN step-2 run as the ambiguity experiment reads it: its pair, classifier run and the chosen epoch's generator.</summary>
public sealed record Step2Run(string RunId, string Name, string Source, int Pos, int Neg, string ClassifierRunId, string Weight, int Epoch, string EpochRule, string GeneratorArtifact);

/// <summary>
/// Finds step-2 runs of the <c>gasten</c> kind in the tracking database (params <c>job_type=step-2</c>,
/// <c>classifier_run</c>, <c>pair</c>, <c>source</c>) and the epoch whose generator checkpoint
/// (<c>checkpoint/generator/&lt;epoch&gt;/generator.pt</c>, uploaded by the gan task) the experiment uses: a number, <c>last</c>,
/// <c>best-fid</c> (lowest <c>eval/fid</c>) or <c>best-acd</c> (lowest <c>eval/conf_dist</c>), over epochs ≥ 1 with a
/// checkpoint. Checked at submit, so a wrong run or epoch is a 400 naming the parameter.
/// </summary>
public sealed class Step2Runs(IServiceScopeFactory scopes)
{
    public const string Last = "last";
    public const string BestFid = "best-fid";
    public const string BestAcd = "best-acd";

    /// <summary>The run and epoch, or the parameter (<c>run</c> / <c>epoch</c>) and message of what is wrong.</summary>
    public (Step2Run? Run, string? Parameter, string? Problem) Resolve(string runId, string epochText)
    {
        runId = (runId ?? string.Empty).Trim();
        epochText = (epochText ?? string.Empty).Trim().ToLowerInvariant();
        if (runId.Length == 0)
        {
            return (null, GastenAmbiguityKind.RunParameter, "Give a GASTeN step-2 run id (a child run of a gasten job named <id>-<classifier>_<weight>_<s1 epoch>).");
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ITrackingDbContext>();
        var run = db.Runs.AsNoTracking().Where(r => r.Id == runId).Select(r => new { r.Id, r.Name }).FirstOrDefault();
        if (run is null)
        {
            return (null, GastenAmbiguityKind.RunParameter, $"Run '{runId}' does not exist.");
        }

        var p = db.Params.AsNoTracking().Where(q => q.RunId == runId).ToList().ToDictionary(q => q.Key, q => q.Value, StringComparer.Ordinal);
        if (p.GetValueOrDefault("job_type") != "step-2" || !p.TryGetValue("classifier_run", out string? classifierRun) || !p.TryGetValue("pair", out string? pair))
        {
            return (null, GastenAmbiguityKind.RunParameter,
                $"Run '{runId}' is not a GASTeN step-2 run (a child run of the gasten kind with job_type step-2, a classifier_run and a pair).");
        }

        string[] classes = pair.Split('v');
        if (classes.Length != 2 || !int.TryParse(classes[0], CultureInfo.InvariantCulture, out int pos) || !int.TryParse(classes[1], CultureInfo.InvariantCulture, out int neg))
        {
            return (null, GastenAmbiguityKind.RunParameter, $"Run '{runId}' records the pair '{pair}', not <pos>v<neg>.");
        }

        var epochs = db.Artifacts.AsNoTracking().Where(a => a.RunId == runId && a.Path.StartsWith("checkpoint/generator/") && a.Path.EndsWith("/generator.pt"))
            .Select(a => a.Path).ToList()
            .Select(path => int.TryParse(path.Split('/')[2], CultureInfo.InvariantCulture, out int e) ? e : -1)
            .Where(e => e >= 0).Distinct().Order().ToList();
        if (epochs.Count == 0)
        {
            return (null, GastenAmbiguityKind.RunParameter, $"Run '{runId}' has no generator checkpoints (did its training finish?).");
        }

        int epoch;
        switch (epochText)
        {
            case Last or "":
                epoch = epochs[^1];
                break;
            case BestFid or BestAcd:
                string key = epochText == BestFid ? "eval/fid" : "eval/conf_dist";
                var best = db.Metrics.AsNoTracking().Where(m => m.RunId == runId && m.Key == key && m.Step >= 1).ToList()
                    .Where(m => epochs.Contains((int)m.Step) && double.IsFinite(m.Value)).OrderBy(m => m.Value).ThenBy(m => m.Step).FirstOrDefault();
                if (best is null)
                {
                    return (null, GastenAmbiguityKind.EpochParameter, $"Run '{runId}' has no {key} at an epoch with a generator checkpoint.");
                }

                epoch = (int)best.Step;
                break;
            default:
                if (!int.TryParse(epochText, NumberStyles.None, CultureInfo.InvariantCulture, out epoch))
                {
                    return (null, GastenAmbiguityKind.EpochParameter, $"'{epochText}' is not an epoch number, {Last}, {BestFid} or {BestAcd}.");
                }

                if (!epochs.Contains(epoch))
                {
                    return (null, GastenAmbiguityKind.EpochParameter, $"Run '{runId}' has no generator checkpoint at epoch {epoch} (it has {string.Join(", ", epochs)}).");
                }

                break;
        }

        if (!db.Artifacts.AsNoTracking().Any(a => a.RunId == classifierRun && a.Path == GastenClassifierKind.CheckpointArtifact))
        {
            return (null, GastenAmbiguityKind.RunParameter, $"The classifier run '{classifierRun}' of run '{runId}' has no {GastenClassifierKind.CheckpointArtifact}.");
        }

        return (new Step2Run(runId, run.Name, p.GetValueOrDefault("source", "mnist"), pos, neg, classifierRun, p.GetValueOrDefault("weight", "?"), epoch,
            epochText.Length == 0 ? Last : epochText, $"checkpoint/generator/{epoch.ToString(CultureInfo.InvariantCulture)}/generator.pt"), null, null);
    }

    /// <summary>Writes the run's chosen generator checkpoint to <paramref name="path"/>.</summary>
    public async Task DownloadGeneratorAsync(Step2Run run, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var scope = scopes.CreateScope();
        var (_, content) = await scope.ServiceProvider.GetRequiredService<DownloadArtifactHandler>().HandleAsync(run.RunId, run.GeneratorArtifact, cancellationToken);
        await using (content)
        await using (var file = File.Create(path))
        {
            await content.CopyToAsync(file, cancellationToken);
        }
    }
}
