using System.Globalization;

namespace DigitForge.Domain.Datasets;

/// <summary>How a row's label reads (<see cref="LabelKind"/>): the class number, or the digits as a string.</summary>
public static class RowLabels
{
    /// <summary>The class of a <see cref="LabelKind.Class"/> row.</summary>
    public static long Class(RowBlock block, int row)
    {
        ArgumentNullException.ThrowIfNull(block);
        int index = block.Layout.LabelArrayIndex;
        return block.Layout.LabelArray.ElementType == ElementType.Int64
            ? block.Row<long>(index, row)[0]
            : block.Row<byte>(index, row)[0];
    }

    /// <summary>Writes a class label into column <paramref name="index"/> of its element type (uint8 checked, or int64).</summary>
    public static void WriteClass(RowBlock block, int index, int row, int label)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Layout.Arrays[index].ElementType == ElementType.Int64)
        {
            block.Column<long>(index)[row] = label;
        }
        else
        {
            block.Column<byte>(index)[row] = checked((byte)label);
        }
    }

    /// <summary>The label as text: "7", or "4981" for a digit string. Used for folder names and labels.csv.</summary>
    public static string Text(RowBlock block, int row)
    {
        ArgumentNullException.ThrowIfNull(block);
        if (block.Layout.LabelKind == LabelKind.Class)
        {
            return Class(block, row).ToString(CultureInfo.InvariantCulture);
        }

        int index = block.Layout.LabelArrayIndex;
        return block.Layout.LabelArray.ElementType == ElementType.Int64
            ? string.Concat(block.Row<long>(index, row).ToArray().Select(d => d.ToString(CultureInfo.InvariantCulture)))
            : string.Concat(block.Row<byte>(index, row).ToArray().Select(d => d.ToString(CultureInfo.InvariantCulture)));
    }
}
