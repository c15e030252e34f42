namespace DigitForge.Domain.Corruptions;

/// <summary>Argument checks shared by the corruptions (the reference raises ValueError outside 1..5).</summary>
internal static class CorruptionChecks
{
    public static void Severity(int severity, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(severity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(severity, max);
    }

    /// <summary>The reference's <c>np.clip(v, 0, 1) * 255</c> cast to float32.</summary>
    public static float ToByteScale(double unit) => (float)(Math.Clamp(unit, 0.0, 1.0) * 255.0);
}
