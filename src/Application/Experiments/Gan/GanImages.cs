using DigitForge.Application.Training;

namespace DigitForge.Application.Experiments.Gan;

/// <summary>
/// A GAN's training images: the rows of an image dataset (optionally only some classes) as float32
/// [N, channels, size, size] in [-1, 1] (the reference's Normalize(0.5, 0.5)). Rows come as [size, size] (gray) or
/// [size, size, channels] (HWC, e.g. CIFAR-10), with values 0..1.
/// </summary>
public sealed record GanImages(float[] Pixels, int Count, int Channels, int Size)
{
    /// <summary>Shape of one row the dataset must have: (size, size) or (size, size, 1|3); null when it is no image.</summary>
    public static (int Channels, int Size)? ImageShape(IReadOnlyList<int> rowShape) => rowShape switch
    {
        [int h, int w] when h == w => (1, h),
        [int h, int w, int c] when h == w && c is 1 or 3 => (c, h),
        _ => null,
    };

    /// <summary>Parses <c>7</c>, <c>7,1</c> or empty (every class); throws <see cref="ArgumentException"/> saying what is wrong.</summary>
    public static IReadOnlySet<long>? ParseClasses(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var classes = new HashSet<long>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!long.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long label) || label > 1000)
            {
                throw new ArgumentException($"'{part}' is not a class label; give labels like 7 or 7,1 (empty: every class).");
            }

            classes.Add(label);
        }

        return classes;
    }

    public static GanImages From(LabeledData data, IReadOnlyList<int> rowShape, IReadOnlySet<long>? classes)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (channels, size) = ImageShape(rowShape) ?? throw new ArgumentException($"Rows of shape [{string.Join(", ", rowShape)}] are not square images.", nameof(rowShape));
        int pixels = channels * size * size;
        var labels = data.Labels.Span;
        var features = data.Features.Span;
        int count = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            count += classes is null || classes.Contains(labels[i]) ? 1 : 0;
        }

        float[] result = new float[(long)count * pixels];
        int row = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (classes is not null && !classes.Contains(labels[i]))
            {
                continue;
            }

            var source = features.Slice(i * pixels, pixels);
            var target = result.AsSpan(row * pixels, pixels);
            int plane = size * size;
            for (int p = 0; p < plane; p++)
            {
                for (int c = 0; c < channels; c++)
                {
                    // HWC in, CHW out (the same for one channel).
                    target[(c * plane) + p] = (source[(p * channels) + c] * 2f) - 1f;
                }
            }

            row++;
        }

        return new GanImages(result, count, channels, size);
    }
}
