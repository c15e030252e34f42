namespace DigitForge.Domain.Spirals;

/// <summary>
/// Parameter names of the ARMED spiral generator, spelled as the reference's command-line arguments
/// (<c>spiral_classification_main.py</c>) so a reference run translates one to one.
/// </summary>
public static class SpiralArgumentNames
{
    public const string Clusters = "clusters";
    public const string PointsPerCluster = "points_per_cluster";
    public const string RadiusSd = "radius_sd";
    public const string Noise = "noise";
    public const string Degrees = "degrees";
    public const string Classes = "classes";
    public const string ConfoundSd = "confound_sd";
    public const string ConfoundedVars = "confounded_vars";
    public const string FalseNegatives = "false_negatives";
}
