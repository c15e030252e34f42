using DigitForge.Application.Experiments.Summaries;

namespace DigitForge.Web.Components.Tracking.Experiments;

/// <summary>A model's mean (s.d.) accuracy on one partition over the folds, with the paired t-test's p against the conventional model.</summary>
public sealed record LocoMean(string Model, string Partition, double Mean, double? Sd, string P, bool Significant);

/// <summary>One fold's result for one model: accuracy per partition, and the held-out cluster's effects (Morpho-MNIST).</summary>
public sealed record LocoFoldResult(int Fold, string Model, string? RunId, IReadOnlyDictionary<string, double?> Accuracy, string Effects);

/// <summary>The mixed-effects-loco summary's tables (<c>loco-accuracy</c>, <c>loco-folds</c>) read back into numbers.</summary>
public sealed record LocoTables(IReadOnlyList<string> Models, IReadOnlyList<string> Partitions, IReadOnlyList<LocoMean> Means, IReadOnlyList<LocoFoldResult> Folds)
{
    public static LocoTables From(ExperimentSummary? summary)
    {
        var means = new List<LocoMean>();
        if (SummaryCells.Table(summary, "loco-accuracy") is { } accuracy)
        {
            int model = SummaryCells.Column(accuracy, "Model"), partition = SummaryCells.Column(accuracy, "Partition");
            int acc = SummaryCells.Column(accuracy, "Accuracy"), p = SummaryCells.Column(accuracy, "p (paired t-test)");
            foreach (var row in accuracy.Rows)
            {
                if (SummaryCells.MeanSd(SummaryCells.Cell(row, acc)) is { } ms)
                {
                    string pText = SummaryCells.Cell(row, p);
                    means.Add(new LocoMean(SummaryCells.Cell(row, model), SummaryCells.Cell(row, partition), ms.Mean, ms.Sd, pText,
                        SummaryCells.Number(pText) is { } pValue && pValue < 0.05));
                }
            }
        }

        var folds = new List<LocoFoldResult>();
        var partitions = new List<string>();
        if (SummaryCells.Table(summary, "loco-folds") is { } foldTable)
        {
            // Columns: "Held-out cluster" (the fold), "Model", the partitions (one of them also titled "Held-out cluster"), "Cluster effects".
            int effects = SummaryCells.Column(foldTable, "Cluster effects");
            var partitionColumns = Enumerable.Range(2, Math.Max(0, foldTable.Columns.Count - 2)).Where(i => i != effects).ToList();
            partitions = [.. partitionColumns.Select(i => foldTable.Columns[i])];
            foreach (var row in foldTable.Rows)
            {
                if (SummaryCells.Number(SummaryCells.Cell(row, 0)) is not { } fold)
                {
                    continue;
                }

                var scores = partitionColumns.ToDictionary(i => foldTable.Columns[i], i => SummaryCells.Number(SummaryCells.Cell(row, i)), StringComparer.Ordinal);
                folds.Add(new LocoFoldResult((int)fold, SummaryCells.Cell(row, 1), row.RunId, scores, SummaryCells.Cell(row, effects)));
            }
        }

        if (partitions.Count == 0)
        {
            partitions = [.. means.Select(m => m.Partition).Distinct(StringComparer.Ordinal)];
        }

        var models = means.Select(m => m.Model).Concat(folds.Select(f => f.Model)).Distinct(StringComparer.Ordinal).ToList();
        return new LocoTables(models, partitions, means, folds);
    }

    public LocoMean? Mean(string model, string partition) => Means.FirstOrDefault(m => m.Model == model && m.Partition == partition);

    /// <summary>The per-fold accuracies of a model on a partition (the dots beside its bar).</summary>
    public IReadOnlyList<double> FoldValues(string model, string partition) =>
        [.. Folds.Where(f => f.Model == model).Select(f => f.Accuracy.GetValueOrDefault(partition)).OfType<double>()];
}
