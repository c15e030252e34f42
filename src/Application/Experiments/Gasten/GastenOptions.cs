namespace DigitForge.Application.Experiments.Gasten;

/// <summary>Configuration section <c>DigitForge:Gasten</c> (environment: <c>DigitForge__Gasten__InceptionWeights</c>).</summary>
public sealed class GastenOptions
{
    public const string SectionName = "DigitForge:Gasten";

    /// <summary>pytorch-fid's file name; looked for in the GASTeN cache folder when <see cref="InceptionWeights"/> is unset.</summary>
    public const string DefaultWeightsFile = "pt_inception-2015-12-05-6726825d.pth";

    /// <summary>
    /// pytorch-fid's Inception-v3 weight file (<see cref="DefaultWeightsFile"/>, a torch.save'd state dict). When it
    /// exists, FID uses Inception's 2048-d pool3 features (<see cref="InceptionFeatures"/>); otherwise the digit
    /// feature network (<see cref="DigitFeatureNetwork"/>). Unset: <c>&lt;data dir&gt;/gasten/</c> + <see cref="DefaultWeightsFile"/>.
    /// </summary>
    public string? InceptionWeights { get; set; }
}
