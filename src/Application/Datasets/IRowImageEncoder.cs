using DigitForge.Domain.Datasets;

namespace DigitForge.Application.Datasets;

/// <summary>One dataset row's image as PNG (the bytes the ZIP bundle holds for it); implemented in Infrastructure.</summary>
public interface IRowImageEncoder
{
    byte[] Png(RowBlock block, int row);
}
