using DigitForge.Domain.Data;

namespace DigitForge.Domain.Datasets.Generators;

/// <summary>
/// The reference's train/valid split of a source's train images (spec B.5: EMNIST 2000/400, CIFAR-10 4000/1000 per
/// class): the last <c>validPerClass</c> images of each class, in source order, are valid; the rest train. Both keep
/// source order, so row i of either split is the i-th such image.
/// </summary>
internal static class HeldOutSplit
{
    /// <summary>Source indices of the train (<paramref name="valid"/> false) or valid images; null when nothing is held out (identity).</summary>
    public static int[]? Indices(LabeledImages images, int validPerClass, bool valid)
    {
        if (validPerClass == 0)
        {
            return valid ? [] : null;
        }

        var totals = new int[images.ClassCount];
        foreach (ushort label in images.Labels)
        {
            totals[label]++;
        }

        var seen = new int[totals.Length];
        var result = new List<int>();
        var labels = images.Labels;
        for (int i = 0; i < labels.Length; i++)
        {
            int label = labels[i];
            bool isValid = seen[label]++ >= totals[label] - validPerClass;
            if (isValid == valid)
            {
                result.Add(i);
            }
        }

        return [.. result];
    }
}
