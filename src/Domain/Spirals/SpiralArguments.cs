namespace DigitForge.Domain.Spirals;

/// <summary>
/// Arguments of the ARMED spirals with cluster random effects (<c>synthetic_dataset/spirals.py</c>, tree afdf8bc), with
/// the defaults of <c>spiral_classification_main.py</c>. <see cref="ConfoundSd"/> &gt; 0 selects the confounder variant
/// (<c>make_spiral_random_radius_confounder</c>), otherwise the random-radius variant; <see cref="FalseNegatives"/> sets
/// the mean radius to 0 (the "Simpson's paradox" variant: about half the clusters point-reflected).
/// </summary>
public sealed record SpiralArguments
{
    /// <summary>The reference's fixed mean cluster radius (<c>mean_radius=1</c>).</summary>
    public const double DefaultMeanRadius = 1.0;

    /// <summary>The reference's fixed s.d. of each confounder ("probe") feature around the cluster's class ratio.</summary>
    public const double ProbeSd = 0.2;

    /// <summary>The reference clips each cluster's class-0 ratio to [0.1, 0.9].</summary>
    public const double MinRatio = 0.1;

    public const double MaxRatio = 0.9;

    public static SpiralArguments Default { get; } = new();

    public int Clusters { get; init; } = 10;

    /// <summary>Always 1000 in the reference's main script.</summary>
    public int PointsPerCluster { get; init; } = 1000;

    /// <summary>S.d. of the cluster radii around the mean radius (the random effect).</summary>
    public double RadiusSd { get; init; } = 0.2;

    /// <summary>S.d. of the i.i.d. Gaussian noise added to each coordinate.</summary>
    public double Noise { get; init; } = 0.2;

    /// <summary>Angles are whole degrees uniform in [0, degrees).</summary>
    public int Degrees { get; init; } = 360;

    public int Classes { get; init; } = 2;

    /// <summary>S.d. of each cluster's class-0 ratio around 0.5; &gt; 0 selects the confounder variant.</summary>
    public double ConfoundSd { get; init; }

    /// <summary>Confounder features appended to x in the confounder variant.</summary>
    public int ConfoundedVars { get; init; } = 2;

    public bool FalseNegatives { get; init; }

    public bool Confounded => ConfoundSd > 0;

    public double MeanRadius => FalseNegatives ? 0.0 : DefaultMeanRadius;

    /// <summary>Columns of x: the two coordinates, plus the confounders when confounded.</summary>
    public int Features => 2 + (Confounded ? ConfoundedVars : 0);

    /// <summary>Rule violations as (parameter name, message); empty when valid.</summary>
    public IReadOnlyList<(string Field, string Message)> Validate()
    {
        var errors = new List<(string, string)>();
        if (Clusters < 1)
        {
            errors.Add((SpiralArgumentNames.Clusters, $"must be at least 1, got {Clusters}."));
        }

        if (Classes < 2)
        {
            errors.Add((SpiralArgumentNames.Classes, $"must be at least 2, got {Classes}."));
        }
        else if (Confounded && Classes != 2)
        {
            errors.Add((SpiralArgumentNames.Classes, $"the confounder variant (confound_sd > 0) has exactly 2 classes, as the reference's make_spiral_random_radius_confounder; got {Classes}."));
        }

        if (PointsPerCluster < Classes)
        {
            errors.Add((SpiralArgumentNames.PointsPerCluster, $"must be at least the number of classes ({Classes}), got {PointsPerCluster}."));
        }

        if (Degrees < 1)
        {
            errors.Add((SpiralArgumentNames.Degrees, $"must be at least 1, got {Degrees}."));
        }

        if (!(RadiusSd >= 0) || !double.IsFinite(RadiusSd))
        {
            errors.Add((SpiralArgumentNames.RadiusSd, $"must be a finite number, 0 or more, got {RadiusSd}."));
        }

        if (!(Noise >= 0) || !double.IsFinite(Noise))
        {
            errors.Add((SpiralArgumentNames.Noise, $"must be a finite number, 0 or more, got {Noise}."));
        }

        if (!(ConfoundSd >= 0) || !double.IsFinite(ConfoundSd))
        {
            errors.Add((SpiralArgumentNames.ConfoundSd, $"must be a finite number, 0 or more, got {ConfoundSd}."));
        }

        if (ConfoundedVars < 0)
        {
            errors.Add((SpiralArgumentNames.ConfoundedVars, $"must be 0 or more, got {ConfoundedVars}."));
        }

        return errors;
    }
}
