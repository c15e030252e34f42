namespace DigitForge.FunctionalTests;

/// <summary>The API host with a low MNIST-1D sample limit, so that the limit's 400 is cheap to provoke.</summary>
public sealed class Mnist1DApiFactory : DigitForgeApiFactory
{
    public const int MaxSamples = 20_000;

    protected override bool WithDigits => false;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [.. base.Settings(), new("DigitForge:Mnist1D:MaxSamples", MaxSamples.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}
