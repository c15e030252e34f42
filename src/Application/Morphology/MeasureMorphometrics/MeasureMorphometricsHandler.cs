using DigitForge.Application.Common;
using DigitForge.Application.Datasets;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Morphology;
using Mediator;
using Microsoft.Extensions.Options;

namespace DigitForge.Application.Morphology.MeasureMorphometrics;

/// <summary>
/// Morpho-MNIST morphometrics (area, length, thickness, slant, width, height) of uploaded images or of a stored
/// dataset's image rows, measured in parallel. The request is valid (<see cref="MeasureMorphometricsValidator"/>);
/// what is known only once read (a file that is no PNG, its size; the dataset's split and rows) is checked here.
/// </summary>
public sealed class MeasureMorphometricsHandler(DatasetCatalog catalog, DatasetInstances instances, IOptions<MorphometricsOptions> options, IPngCodec png)
    : IRequestHandler<MeasureMorphometricsRequest, IReadOnlyList<MeasuredImage>>
{
    /// <summary>An upload holds at most this many pixels (the sides are checked after decoding).</summary>
    private const long MaxUploadPixels = 1 << 20;

    public async ValueTask<IReadOnlyList<MeasuredImage>> Handle(MeasureMorphometricsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.IsNullOrEmpty(request.Dataset)
            ? MeasureImages(Decode(request.Uploads), cancellationToken)
            : await MeasureDatasetAsync(request.Dataset, request.Split, request.Offset, request.Count, cancellationToken);
    }

    private List<ImageToMeasure> Decode(IReadOnlyList<UploadedImage> uploads)
    {
        var images = new List<ImageToMeasure>(uploads.Count);
        foreach (var upload in uploads)
        {
            DecodedImage image;
            try
            {
                image = png.Decode(upload.Content, MaxUploadPixels);
            }
            catch (InvalidDataException ex)
            {
                throw new RequestValidationException("files", $"'{upload.Name}' is not a readable PNG: {ex.Message}");
            }

            images.Add(new ImageToMeasure(upload.Name, image.Height, image.Width, image.Gray));
        }

        return images;
    }

    private MeasuredImage[] MeasureImages(List<ImageToMeasure> images, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        foreach (var image in images)
        {
            if (image.Height < 3 || image.Width < 3 || image.Height > limits.MaxImageSide || image.Width > limits.MaxImageSide)
            {
                throw new RequestValidationException("files", $"'{image.Name}' is {image.Width}x{image.Height}; sides must be 3 to {limits.MaxImageSide} pixels.");
            }
        }

        var results = new MeasuredImage[images.Count];
        Parallel.For(0, images.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var image = images[i];
            results[i] = new MeasuredImage(i, image.Name, MorphometricsCalculator.Measure(image.Pixels, image.Height, image.Width));
        });
        return results;
    }

    /// <summary>Rows [offset, offset + count) of a dataset's split (count clipped to the split's end).</summary>
    private async Task<IReadOnlyList<MeasuredImage>> MeasureDatasetAsync(string id, string? split, int offset, int count, CancellationToken cancellationToken = default)
    {
        var dataset = await catalog.GetAsync(id, cancellationToken);
        var layout = dataset.Layout;
        if (layout.Image is null)
        {
            throw new RequestValidationException("dataset", $"'{dataset.Generator.Name}' rows are not images.");
        }

        int splitIndex = dataset.RequireSplit(split ?? dataset.Definition.Splits[0].Name);
        int total = dataset.Definition.Splits[splitIndex].Rows;
        if (offset > total)
        {
            throw new RequestValidationException("offset", $"Must be from 0 to {total:N0}, got {offset}.");
        }

        count = Math.Min(count, total - offset);
        if (count == 0)
        {
            return [];
        }

        // The same side limit as uploads (the analysis works at 4x), and the rows read at once within the byte budget.
        if (layout.Image.Height > options.Value.MaxImageSide || layout.Image.Width > options.Value.MaxImageSide)
        {
            throw new RequestValidationException("dataset", $"Its images are {layout.Image.Width}x{layout.Image.Height}; sides must be at most {options.Value.MaxImageSide} pixels.");
        }

        long blockBytes = (long)count * layout.Arrays[layout.ImageArrayIndex].RowBytes;
        if (blockBytes > options.Value.MaxWorkingBytes)
        {
            throw new RequestValidationException("count", $"{count:N0} rows are {blockBytes:N0} bytes of images; at most {options.Value.MaxWorkingBytes:N0} at once ({MorphometricsOptions.SectionName}:{nameof(MorphometricsOptions.MaxWorkingBytes)}).");
        }

        var rows = await instances.OpenAsync(dataset, cancellationToken);
        int imageArray = layout.ImageArrayIndex;
        var block = new RowBlock(layout, count, onlyArray: imageArray);
        await Task.Run(() => RowBlockFiller.Fill(rows, splitIndex, offset, count, block, cancellationToken), cancellationToken);
        string name = dataset.Definition.Splits[splitIndex].Name;
        int h = layout.Image.Height, w = layout.Image.Width;
        bool floats = layout.Arrays[imageArray].ElementType == ElementType.Float32;
        var results = new MeasuredImage[count];
        Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            byte[] pixels = floats
                ? [.. block.Row<float>(imageArray, i).ToArray().Select(v => (byte)Math.Clamp(v * 255f, 0f, 255f))]
                : block.Row<byte>(imageArray, i).ToArray();
            results[i] = new MeasuredImage(offset + i, name, MorphometricsCalculator.Measure(pixels, h, w));
        });
        return results;
    }
}
