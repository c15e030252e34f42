using DigitForge.Application.Common;
using DigitForge.Application.Mnist1D;
using DigitForge.Domain.Datasets;

namespace DigitForge.Application.Datasets.Specs;

/// <summary>
/// The byte budgets of a dataset (<see cref="DatasetOptions.MaxWorkingBytes"/>, <see cref="DatasetOptions.MaxOutputBytes"/>),
/// checked when its spec is resolved, before anything is generated: a spec over budget is a 400 under the field that
/// drives the excess, so neither creating it nor reading its rows or bundles can exhaust memory.
/// </summary>
internal static class DatasetBudget
{
    public static IEnumerable<ValidationError> Check(IDatasetGenerator generator, DatasetDefinition definition, DatasetOptions options)
    {
        string section = DatasetOptions.SectionName;
        var parts = generator.WorkingMemory(definition);
        long working = parts.Aggregate(0L, (sum, part) => sum > long.MaxValue - part.Bytes ? long.MaxValue : sum + part.Bytes);
        if (working > options.MaxWorkingBytes)
        {
            var largest = parts.MaxBy(p => p.Bytes);
            yield return new ValidationError(largest.Field,
                $"Opening this dataset needs {Mnist1DBudget.Bytes(working)} of working memory, {Mnist1DBudget.Bytes(largest.Bytes)} of it for {largest.Field}; " +
                $"the budget is {Mnist1DBudget.Bytes(options.MaxWorkingBytes)} ({section}:{nameof(DatasetOptions.MaxWorkingBytes)}).");
        }

        long rowBytes = generator.Describe(definition).RowBytes;
        long output = rowBytes > 0 && definition.TotalRows > long.MaxValue / rowBytes ? long.MaxValue : definition.TotalRows * rowBytes;
        if (output > options.MaxOutputBytes)
        {
            yield return new ValidationError("splits",
                $"{definition.TotalRows:N0} rows of {rowBytes:N0} bytes are {Mnist1DBudget.Bytes(output)}; a dataset may hold {Mnist1DBudget.Bytes(options.MaxOutputBytes)} " +
                $"({section}:{nameof(DatasetOptions.MaxOutputBytes)}).");
        }
    }
}
