using DigitForge.Application.Common;
using DigitForge.Application.DataSources;
using DigitForge.Domain.Corruptions;
using DigitForge.Domain.Data;
using DigitForge.Domain.Corruptions.Compositions;
using DigitForge.Domain.Datasets.Generators;
using DigitForge.Domain.Randomness;

namespace DigitForge.Application.Corruptions.PreviewCorruption;

/// <summary>The gallery's pictures: a source test image (train where only train is present) before and after a corruption at a severity.</summary>
public sealed class PreviewCorruptionHandler(CorruptionRegistry corruptions, IDigitSource digits)
{
    private readonly CompositionParser _parser = new(corruptions);

    /// <summary>Checks the request; the bad field is named in a <see cref="RequestValidationException"/>.</summary>
    public Composition? Validate(PreviewCorruptionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!CorruptionSource.Names.Contains(request.Source, StringComparer.Ordinal))
        {
            throw new RequestValidationException("source", $"Unknown source '{request.Source}'. Sources: {string.Join(", ", CorruptionSource.Names)}.");
        }

        if (request.Index < 0 || request.Index >= CorruptionSource.Get(request.Source).TrainImages)
        {
            throw new RequestValidationException("index", $"Must be an image index from 0 to {CorruptionSource.Get(request.Source).TrainImages - 1}, got {request.Index}.");
        }

        if (request.Severity == 0)
        {
            return null;
        }

        Composition composition;
        try
        {
            composition = _parser.Parse(request.Corruption);
        }
        catch (FormatException ex)
        {
            throw new RequestValidationException("name", ex.Message);
        }

        if (request.Severity is not { } severity)
        {
            return composition;
        }

        if (composition.Steps.Count != 1)
        {
            throw new RequestValidationException("severity", "A severity applies to a single corruption; give severities inside a composition as name:severity.");
        }

        var corruption = composition.Steps[0].Corruption;
        if (severity < 0 || severity > corruption.MaxSeverity)
        {
            throw new RequestValidationException("severity", $"'{corruption.Name}' has severities 1..{corruption.MaxSeverity} (0 = the clean image), got {severity}.");
        }

        return new Composition([new CompositionStep(corruption, severity)]);
    }

    public async Task<CorruptionPreview> HandleAsync(PreviewCorruptionRequest request, CancellationToken cancellationToken)
    {
        var composition = Validate(request);
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

        if (request.Index >= images.Count)
        {
            throw new RequestValidationException("index", $"The data directory has {images.Count:N0} {request.Source} images; index {request.Index} is out of range.");
        }

        var raster = Raster.FromBytes(images.Image(request.Index), images.Rows, images.Cols, images.Channels);
        if (composition is not null)
        {
            raster = composition.Apply(raster, KeyedRandom.For(request.Seed, (ulong)request.Index));
        }

        var pixels = new byte[raster.Pixels.Length];
        raster.CopyToBytesTruncated(pixels);
        return new CorruptionPreview(pixels, raster.Height, raster.Width, raster.Channels, images.Label(request.Index));
    }
}
