using System.Text.Json.Nodes;
using DigitForge.Application.Datasets;
using DigitForge.Application.Datasets.Specs;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Datasets.Generators;

namespace DigitForge.Application.Experiments.Gasten;

/// <summary>
/// Loads a GASTeN pair through the <c>binary-pair</c> dataset generator, so the kinds train on exactly the rows the
/// rows API, bundles and gallery serve for the same spec (and record its content id).
/// </summary>
public sealed class BinaryPairDatasets(DatasetSpecResolver resolver, DatasetInstances instances)
{
    /// <summary>The pair's dataset spec: every image of the pair as the data directory holds it, split by <paramref name="splitSeed"/>.</summary>
    public static string Spec(string source, int pos, int neg, ulong splitSeed) => new JsonObject
    {
        ["generator"] = BinaryPairDatasetGenerator.GeneratorName,
        ["parameters"] = new JsonObject
        {
            [BinaryPairDatasetGenerator.SourceParameter] = source,
            [BinaryPairDatasetGenerator.PosParameter] = pos,
            [BinaryPairDatasetGenerator.NegParameter] = neg,
        },
        ["seed"] = splitSeed,
    }.ToJsonString();

    public async Task<BinaryPairData> LoadAsync(string source, int pos, int neg, ulong splitSeed, CancellationToken cancellationToken)
    {
        var resolved = resolver.Resolve(Spec(source, pos, neg, splitSeed));
        var rows = await instances.OpenAsync(resolved, cancellationToken);
        return new BinaryPairData(
            source, pos, neg, splitSeed, BinaryPairDatasetGenerator.Side,
            Read(rows, resolved, DatasetSplitNames.Train, cancellationToken),
            Read(rows, resolved, BinaryPairDatasetGenerator.ValidSplit, cancellationToken),
            Read(rows, resolved, DatasetSplitNames.Test, cancellationToken))
        {
            DatasetId = resolved.Id,
        };
    }

    private static BinarySplit Read(IDatasetRows rows, ResolvedDataset resolved, string split, CancellationToken cancellationToken)
    {
        int index = resolved.Definition.SplitIndex(split);
        int count = resolved.Definition.Splits[index].Rows;
        var block = new RowBlock(resolved.Layout, count);
        RowBlockFiller.Fill(rows, index, 0, count, block, cancellationToken);
        return new BinarySplit(block.Column<float>(resolved.Layout.IndexOf("x")), block.Column<float>(resolved.Layout.IndexOf("target")), count);
    }
}
