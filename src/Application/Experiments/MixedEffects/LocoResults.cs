using System.Globalization;
using DigitForge.Application.Experiments.Summaries;
using DigitForge.Domain.MixedEffects;

namespace DigitForge.Application.Experiments.MixedEffects;

/// <summary>One model's scores on one partition of one fold.</summary>
/// <param name="ReferenceBalancedAccuracy">medl's "balanced_accuracy" (spec §2.2): the mean element-wise agreement of
/// the 0.5-thresholded softmax with the one-hot labels; equal to the accuracy for two classes.</param>
public sealed record PartitionScore(double Accuracy, double BalancedAccuracy, double ReferenceBalancedAccuracy);

/// <summary>One child run: a model trained on one fold (held-out cluster <paramref name="Fold"/>).</summary>
public sealed record LocoScore(string Model, int Fold, string RunId, IReadOnlyDictionary<string, PartitionScore> Partitions);

/// <summary>A model's mean (s.d.) over folds on one partition, with the paired t-test against the conventional model.</summary>
public sealed record LocoAggregate(string Model, string Partition, int Folds, double Mean, double Sd, double BalancedMean, double BalancedSd,
    double ReferenceMean, double ReferenceSd, double T, double P);

/// <summary>Aggregates the fold scores into the parent run's table (the reference's results.csv, summarised as in its notebook).</summary>
public static class LocoResults
{
    public const string Train = "train";
    public const string Test = "test";
    public const string Unseen = "unseen";

    /// <summary>Task split names and the reference's partition names.</summary>
    public static IReadOnlyList<(string Split, string Title)> Partitions { get; } = [(Train, "Train"), (Test, "Seen test"), (Unseen, "Held-out cluster")];

    /// <summary>
    /// Mean and sample s.d. (n-1, as pandas) of each model's accuracy per partition over the folds it finished, and the
    /// paired t-test (scipy.stats.ttest_rel) against the conventional model on the folds both finished.
    /// </summary>
    public static IReadOnlyList<LocoAggregate> Aggregate(IReadOnlyList<LocoScore> scores, IReadOnlyList<string> models)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(models);
        var result = new List<LocoAggregate>();
        foreach (var (split, _) in Partitions)
        {
            foreach (string model in models)
            {
                var mine = scores.Where(s => s.Model == model && s.Partitions.ContainsKey(split)).OrderBy(s => s.Fold).ToList();
                if (mine.Count == 0)
                {
                    continue;
                }

                var (mean, sd) = MeanSd(mine.Select(s => s.Partitions[split].Accuracy));
                var (bMean, bSd) = MeanSd(mine.Select(s => s.Partitions[split].BalancedAccuracy));
                var (rMean, rSd) = MeanSd(mine.Select(s => s.Partitions[split].ReferenceBalancedAccuracy));
                double t = double.NaN, p = double.NaN;
                string baseline = MixedEffectsModels.Baseline(model);
                if (model != baseline)
                {
                    var paired = mine
                        .Select(s => (Mine: s, Base: scores.FirstOrDefault(b => b.Model == baseline && b.Fold == s.Fold && b.Partitions.ContainsKey(split))))
                        .Where(x => x.Base is not null)
                        .ToList();
                    var test = PairedTTest.Test([.. paired.Select(x => x.Mine.Partitions[split].Accuracy)], [.. paired.Select(x => x.Base!.Partitions[split].Accuracy)]);
                    (t, p) = (test.T, test.P);
                }

                result.Add(new LocoAggregate(model, split, mine.Count, mean, sd, bMean, bSd, rMean, rSd, t, p));
            }
        }

        return result;
    }

    public static (double Mean, double Sd) MeanSd(IEnumerable<double> values)
    {
        var list = values.ToList();
        if (list.Count == 0)
        {
            return (double.NaN, double.NaN);
        }

        double mean = list.Average();
        double sd = list.Count < 2 ? double.NaN : Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1));
        return (mean, sd);
    }

    /// <summary>Parent-run image key of the bar chart for one partition.</summary>
    public static string BarsKey(string split) => $"accuracy_{split}";

    public const string BoundariesKey = "decision_boundaries";

    /// <summary>The parent run's summary: headline means, the aggregate table, the per-fold table, the charts.</summary>
    public static ExperimentSummary Summary(IReadOnlyList<LocoScore> scores, IReadOnlyList<string> models, int folds, IReadOnlyList<(int Cluster, string Effects)> clusterTable,
        IReadOnlyList<string> boundaryRuns)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(clusterTable);
        ArgumentNullException.ThrowIfNull(boundaryRuns);
        var aggregates = Aggregate(scores, models);
        var figures = new List<SummaryFigure>
        {
            new("folds finished", $"{scores.Select(s => s.Fold).Distinct().Count()} / {folds}", scores.Select(s => s.Fold).Distinct().Count()),
        };
        foreach (var a in aggregates.Where(a => a.Partition != Train))
        {
            figures.Add(new SummaryFigure($"{MixedEffectsModels.Title(a.Model)} {PartitionTitle(a.Partition).ToLowerInvariant()}", MeanSdText(a.Mean, a.Sd), a.Mean));
        }

        var rows = aggregates.Select(a => new SummaryRow(
        [
            MixedEffectsModels.Title(a.Model),
            PartitionTitle(a.Partition),
            MeanSdText(a.Mean, a.Sd),
            MeanSdText(a.BalancedMean, a.BalancedSd),
            MeanSdText(a.ReferenceMean, a.ReferenceSd),
            double.IsNaN(a.T) ? "" : a.T.ToString("0.000", CultureInfo.InvariantCulture),
            double.IsNaN(a.P) ? "" : a.P.ToString("0.###e+0", CultureInfo.InvariantCulture),
            a.Folds.ToString(CultureInfo.InvariantCulture),
        ])).ToList();
        var tables = new List<SummaryTable>
        {
            new("loco-accuracy", "Accuracy over leave-one-cluster-out folds: mean (s.d.)",
                ["Model", "Partition", "Accuracy", "Balanced accuracy", "Reference \"balanced_accuracy\"", "t vs conventional", "p (paired t-test)", "Folds"], rows,
                "Balanced accuracy = mean per-class recall. The reference's \"balanced_accuracy\" (medl.metrics) is the mean element-wise agreement of the 0.5-thresholded outputs, i.e. the accuracy for two classes. t and p: scipy.stats.ttest_rel of the per-fold accuracies against the conventional model."),
        };
        var foldRows = scores.OrderBy(s => s.Fold).ThenBy(s => IndexOf(models, s.Model)).Select(s => new SummaryRow(
        [
            s.Fold.ToString(CultureInfo.InvariantCulture),
            MixedEffectsModels.Title(s.Model),
            .. Partitions.Select(p => s.Partitions.TryGetValue(p.Split, out var score) ? score.Accuracy.ToString("0.000", CultureInfo.InvariantCulture) : ""),
            clusterTable.FirstOrDefault(c => c.Cluster == s.Fold).Effects ?? "",
        ], s.RunId)).ToList();
        tables.Add(new SummaryTable("loco-folds", "Per fold (held-out cluster)", ["Held-out cluster", "Model", .. Partitions.Select(p => p.Title), "Cluster effects"], foldRows));
        string legend = string.Join(", ", models.Select((m, i) => $"{i + 1} {MixedEffectsModels.Title(m)}"));
        var images = Partitions.Select(p => new SummaryImage(BarsKey(p.Split), $"{p.Title} accuracy, mean ± s.d. over folds ({legend})")).ToList();
        images.AddRange(boundaryRuns.Select(run => new SummaryImage(BoundariesKey, "Decision boundaries per cluster (red: held out; Z = 0)", run)));
        return new ExperimentSummary(figures, tables, images, []);
    }

    private static int IndexOf(IReadOnlyList<string> models, string model)
    {
        for (int i = 0; i < models.Count; i++)
        {
            if (models[i] == model)
            {
                return i;
            }
        }

        return models.Count;
    }

    public static string PartitionTitle(string split) => Partitions.FirstOrDefault(p => p.Split == split).Title ?? split;

    private static string MeanSdText(double mean, double sd) => double.IsNaN(mean)
        ? ""
        : double.IsNaN(sd)
            ? mean.ToString("0.000", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{mean:0.000} ({sd:0.000})");
}
