using System.Text.Json;
using DigitForge.Application.Common;
using DigitForge.Application.Datasets;
using DigitForge.Application.Datasets.Specs;
using DigitForge.Application.Training;
using DigitForge.Domain.Datasets;

namespace DigitForge.Application.Experiments;

/// <summary>
/// Turns a dataset spec (any registered generator) into engine data: the <c>x</c> array as float32 (uint8 images
/// scaled to 0..1), the label array as int64. The spec needs a train and a test split and one class label per row.
/// </summary>
public sealed class ExperimentDatasets(DatasetSpecResolver resolver, DatasetInstances instances)
{
    private const string FeatureArray = "x";

    /// <summary>Resolves and checks a spec for classification; errors name <paramref name="field"/>.</summary>
    public ResolvedDataset Check(string specJson, string field) => Check(resolver, specJson, field);

    /// <summary>
    /// The same check with any resolver (validation runs without the dataset cache). Without <paramref name="requireTest"/>
    /// (a GAN learns from the train split alone) the test split may be empty.
    /// </summary>
    public static ResolvedDataset Check(DatasetSpecResolver resolver, string specJson, string field, bool requireTest = true)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        ResolvedDataset resolved;
        try
        {
            resolved = resolver.Resolve(specJson);
        }
        catch (RequestValidationException ex)
        {
            throw new RequestValidationException([.. ex.Errors.Select(e => new ValidationError($"{field}.{e.Field}", e.Message))]);
        }

        var layout = resolved.Layout;
        string? problem = null;
        if (layout.IndexOf(FeatureArray) < 0)
        {
            problem = $"The dataset has no '{FeatureArray}' array to train on.";
        }
        else if (layout.LabelArray.RowShape.Count != 0)
        {
            problem = $"'{resolved.Generator.Name}' labels are not one class per row (label shape [{string.Join(", ", layout.LabelArray.RowShape)}]); a classifier needs one.";
        }
        else if (Rows(resolved, DatasetSplitNames.Train) == 0 || (requireTest && Rows(resolved, DatasetSplitNames.Test) == 0))
        {
            problem = requireTest ? "The dataset needs a train and a test split, neither empty." : "The dataset needs a train split that is not empty.";
        }

        return problem is null ? resolved : throw new RequestValidationException(field, problem);
    }

    private static int Rows(ResolvedDataset resolved, string split) =>
        resolved.Definition.SplitIndex(split) is var index and >= 0 ? resolved.Definition.Splits[index].Rows : 0;

    /// <summary>The spec with <paramref name="parameter"/> set to <paramref name="value"/> (e.g. MNIST-1D's shuffle_seq), as JSON.</summary>
    public static string WithParameter(string specJson, string parameter, object value)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(specJson)?.AsObject() ?? throw new JsonException("A spec is an object.");
        if (node["parameters"] is not System.Text.Json.Nodes.JsonObject parameters)
        {
            parameters = [];
            node["parameters"] = parameters;
        }

        parameters[parameter] = System.Text.Json.Nodes.JsonValue.Create(value);
        return node.ToJsonString();
    }

    public async Task<ExperimentDataset> LoadAsync(string specJson, string field, CancellationToken cancellationToken, bool requireTest = true)
    {
        var resolved = Check(resolver, specJson, field, requireTest);
        var rows = await instances.OpenAsync(resolved, cancellationToken);
        var train = Read(rows, resolved, DatasetSplitNames.Train, cancellationToken);
        var test = Rows(resolved, DatasetSplitNames.Test) > 0
            ? Read(rows, resolved, DatasetSplitNames.Test, cancellationToken)
            : new LabeledData(DatasetSplitNames.Test, Array.Empty<float>(), Array.Empty<long>());
        int classes = (int)Math.Max(train.Labels.Span.ToArray().DefaultIfEmpty().Max(), test.Labels.Span.ToArray().DefaultIfEmpty().Max()) + 1;
        var shape = resolved.Layout.Arrays[resolved.Layout.IndexOf(FeatureArray)].RowShape;
        return new ExperimentDataset(resolved, train, test, shape, Math.Max(classes, 2));
    }

    private static LabeledData Read(IDatasetRows rows, ResolvedDataset resolved, string split, CancellationToken cancellationToken)
    {
        int index = resolved.Definition.SplitIndex(split);
        int count = resolved.Definition.Splits[index].Rows;
        var layout = resolved.Layout;
        var block = new RowBlock(layout, count);
        RowBlockFiller.Fill(rows, index, 0, count, block, cancellationToken);
        int x = layout.IndexOf(FeatureArray);
        float[] features = layout.Arrays[x].ElementType switch
        {
            ElementType.Float32 => block.Column<float>(x),
            ElementType.Float64 => Array.ConvertAll(block.Column<double>(x), v => (float)v),
            ElementType.UInt8 => Array.ConvertAll(block.Column<byte>(x), v => v / 255f),
            ElementType.Int64 => Array.ConvertAll(block.Column<long>(x), v => (float)v),
            var other => throw new NotSupportedException($"Features of type {other} cannot be trained on."),
        };
        int y = layout.LabelArrayIndex;
        long[] labels = layout.Arrays[y].ElementType == ElementType.UInt8
            ? Array.ConvertAll(block.Column<byte>(y), v => (long)v)
            : block.Column<long>(y);
        return new LabeledData(split, features, labels);
    }
}
