using DigitForge.Domain.Filters;
using DigitForge.Domain.Imaging;
using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Corruptions;

/// <summary>
/// Exposes a corruption as a filter (<c>swirl:severity=3</c>), so <c>/sequence?filters=swirl,invert</c> and every
/// generator's filter chain can use it. The compositional corruptions work on displayed intensities: a filter image
/// value v in 0..1 is the corruption's v * 255 and back, whatever the image's ink convention. The MNIST-C corruptions
/// are defined on MNIST's polarity (0 = background, 255 = ink; shear, rotate, scale and translate fill uncovered pixels
/// with 0): on an image whose ink is dark (<see cref="GrayImage.InkIsDark"/>, the sequences) they get (1 - v) * 255
/// and give back 1 - r / 255, so new pixels are paper, not black corners.
/// </summary>
public sealed class CorruptionFilter : IImageFilter
{
    public const string SeverityParameter = "severity";

    private readonly ICorruption _corruption;
    private readonly FilterParameter[] _parameters;
    private readonly bool _mnistPolarity;

    public CorruptionFilter(ICorruption corruption)
    {
        _corruption = corruption ?? throw new ArgumentNullException(nameof(corruption));
        _mnistPolarity = corruption.GetType().Namespace == typeof(MnistC.MnistCCorruptions).Namespace;
        _parameters =
        [
            FilterParameter.WholeNumber(SeverityParameter, corruption.DefaultSeverity, 1, corruption.MaxSeverity, $"Severity 1..{corruption.MaxSeverity} from the reference's table."),
        ];
    }

    public ICorruption Corruption => _corruption;

    public string Name => _corruption.Name;

    public string Description => _corruption.Description;

    public IReadOnlyList<FilterParameter> Parameters => _parameters;

    public void Apply(GrayImage image, FilterArguments arguments, KeyedRandom random)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(arguments);
        if (image.Height == 0 || image.Width == 0)
        {
            return;
        }

        int severity = (int)arguments.GetDouble(SeverityParameter);
        var raster = new Raster(image.Height, image.Width, 1);
        var pixels = image.Pixels;
        bool flip = image.InkIsDark && _mnistPolarity;
        for (int i = 0; i < pixels.Length; i++)
        {
            raster.Pixels[i] = (flip ? 1f - pixels[i] : pixels[i]) * 255f;
        }

        var result = _corruption.Apply(raster, severity, random);
        for (int i = 0; i < pixels.Length; i++)
        {
            float value = result.Pixels[i] / 255f;
            pixels[i] = flip ? 1f - value : value;
        }
    }
}
