using DigitForge.Domain.Data;

namespace DigitForge.TestSupport;

/// <summary>
/// Source images' labels as the bytes the IDX and CIFAR files hold (labels are 16-bit in memory since FaceScrub's 388
/// classes): for comparing with those files' bytes and hashes. A label above 255 throws rather than compare truncated.
/// </summary>
public static class LabelBytes
{
    public static byte[] LabelsAsBytes(this LabeledImages images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var bytes = new byte[images.Count];
        images.CopyLabels(0, bytes);
        return bytes;
    }
}
