using System.Globalization;
using System.Text.Json;

namespace DigitForge.Web.Components.Datasets;

/// <summary>
/// What a class label means for a dataset, for the gallery's captions and the label histogram: Fashion-MNIST's and
/// CIFAR-10's class names, EMNIST balanced's characters, a binary pair's two source classes, the corruption an MNIST-C
/// dataset applies. Digits (MNIST and everything drawn from it) are their own names, so they get none.
/// </summary>
public static class ClassNames
{
    /// <summary>Fashion-MNIST's classes in label order (zalandoresearch/fashion-mnist README).</summary>
    public static readonly IReadOnlyList<string> FashionMnist =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>CIFAR-10's classes in label order (batches.meta.txt).</summary>
    public static readonly IReadOnlyList<string> Cifar10 =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>EMNIST balanced's 47 classes (emnist-balanced-mapping.txt): digits, capitals, and 11 lower-case letters.</summary>
    public static readonly IReadOnlyList<string> EmnistBalanced =
        [.. "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabdefghnqrt".Select(c => c.ToString())];

    /// <summary>The name of class <paramref name="label"/> in a dataset of <paramref name="generator"/> with <paramref name="spec"/>; null when the label is its own name.</summary>
    public static string? For(string generator, JsonElement spec, object label)
    {
        if (label is not (long or int or byte or short))
        {
            return null;
        }

        long value = Convert.ToInt64(label, CultureInfo.InvariantCulture);
        IReadOnlyList<string>? names = generator switch
        {
            "fashion-mnist" => FashionMnist,
            "cifar10" => Cifar10,
            "emnist-balanced" => EmnistBalanced,
            "binary-pair" => BinaryPair(spec),
            _ => null,
        };
        return names is not null && value >= 0 && value < names.Count ? names[(int)value] : null;
    }

    /// <summary>A caption every row of the dataset shares (MNIST-C: its corruption and severity), or null.</summary>
    public static string? Shared(string generator, JsonElement spec)
    {
        if (generator != "mnist-c" || !Parameters(spec, out var parameters))
        {
            return null;
        }

        string corruption = parameters.TryGetProperty("corruption", out var c) ? c.ToString() : "identity";
        string severity = parameters.TryGetProperty("severity", out var s) && s.ToString() != "0" ? $" (severity {s})" : " (default severity)";
        return corruption + severity;
    }

    /// <summary>binary-pair: y = 0 is <c>neg</c>, y = 1 is <c>pos</c>, named by the source's class.</summary>
    private static string[]? BinaryPair(JsonElement spec)
    {
        if (!Parameters(spec, out var parameters)
            || !parameters.TryGetProperty("pos", out var pos) || !pos.TryGetInt32(out int p)
            || !parameters.TryGetProperty("neg", out var neg) || !neg.TryGetInt32(out int n))
        {
            return null;
        }

        bool fashion = parameters.TryGetProperty("source", out var source) && source.ToString() == "fashion-mnist";
        string Name(int c) => fashion && c is >= 0 and < 10 ? FashionMnist[c] : c.ToString(CultureInfo.InvariantCulture);
        return [$"neg: {Name(n)}", $"pos: {Name(p)}"];
    }

    private static bool Parameters(JsonElement spec, out JsonElement parameters)
    {
        parameters = default;
        return spec.ValueKind == JsonValueKind.Object && spec.TryGetProperty("parameters", out parameters) && parameters.ValueKind == JsonValueKind.Object;
    }
}
