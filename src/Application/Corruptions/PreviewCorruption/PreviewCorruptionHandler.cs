using DigitForge.Application.Common;
using DigitForge.Application.DataSources;
using DigitForge.Domain.Corruptions;
using DigitForge.Domain.Corruptions.Compositions;
using DigitForge.Domain.Data;
using DigitForge.Domain.Randomness;
using Mediator;

namespace DigitForge.Application.Corruptions.PreviewCorruption;

/// <summary>
/// The gallery's pictures: a source test image (train where only train is present) before and after a corruption at a
/// severity, encoded as PNG. The request is valid (<see cref="PreviewCorruptionValidator"/>).
/// </summary>
public sealed class PreviewCorruptionHandler(CorruptionRegistry corruptions, IDigitSource digits, IPngCodec png)
    : IRequestHandler<PreviewCorruptionRequest, CorruptionPreview>
{
    private readonly CompositionParser _parser = new(corruptions);

    public async ValueTask<CorruptionPreview> Handle(PreviewCorruptionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        LabeledImages images;
        try
        {
            images = await digits.GetAsync(request.Source, DataSplit.Test, cancellationToken);
        }
        catch (DataSourceUnavailableException)
        {
            // Offline imports (the npm package) bring only one split; a preview is as good from the train images.
            images = await digits.GetAsync(request.Source, DataSplit.Train, cancellationToken);
        }

        // Known only once loaded: how many images the data directory holds.
        if (request.Index >= images.Count)
        {
            throw new RequestValidationException("index", $"The data directory has {images.Count:N0} {request.Source} images; index {request.Index} is out of range.");
        }

        var raster = Raster.FromBytes(images.Image(request.Index), images.Rows, images.Cols, images.Channels);
        if (Composition(request) is { } composition)
        {
            raster = composition.Apply(raster, KeyedRandom.For(request.Seed, (ulong)request.Index));
        }

        var pixels = new byte[raster.Pixels.Length];
        raster.CopyToBytesTruncated(pixels);
        return new CorruptionPreview(pixels, raster.Height, raster.Width, raster.Channels, images.Label(request.Index), png.Encode(pixels, raster.Width, raster.Height, raster.Channels));
    }

    // The validator has checked that it parses and that the severity fits.
    private Composition? Composition(PreviewCorruptionRequest request)
    {
        if (request.Severity == 0)
        {
            return null;
        }

        var composition = _parser.Parse(request.Corruption);
        return request.Severity is { } severity ? new Composition([new CompositionStep(composition.Steps[0].Corruption, severity)]) : composition;
    }
}
