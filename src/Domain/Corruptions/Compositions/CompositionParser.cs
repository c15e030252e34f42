using System.Globalization;

namespace DigitForge.Domain.Corruptions.Compositions;

/// <summary>
/// Reads compositions and lists of them. A composition is corruption names joined by '-' (<c>invert-swirl</c>), each
/// optionally with a severity (<c>swirl:5</c>); the reference's class names (<c>Invert-Swirl</c>) are accepted too.
/// A list separates compositions with commas, semicolons or line breaks; the word <c>default</c> stands for
/// <see cref="DefaultCompositions"/> (the 167, our sampler), <c>reference</c> for the 167 drawn with CPython's sampler.
/// </summary>
public sealed class CompositionParser(CorruptionRegistry corruptions)
{
    public const string DefaultListName = "default";

    /// <summary>The 167 drawn with CPython's sampler as the reference did (<see cref="CompositionSampler.Python"/>).</summary>
    public const string ReferenceListName = "reference";

    private readonly CorruptionRegistry _corruptions = corruptions ?? throw new ArgumentNullException(nameof(corruptions));

    public Composition Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new FormatException("A composition needs at least one corruption name, e.g. invert-swirl.");
        }

        var steps = new List<CompositionStep>();
        foreach (string part in trimmed.Split('-'))
        {
            steps.Add(ParseStep(part.Trim(), trimmed));
        }

        return new Composition(steps);
    }

    /// <summary>Parses a list; duplicates (by name) are an error, since their rows would be indistinguishable.</summary>
    public IReadOnlyList<Composition> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<Composition>();
        foreach (string item in text.Split([',', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (string.Equals(item, DefaultListName, StringComparison.OrdinalIgnoreCase))
            {
                result.AddRange(DefaultCompositions.Create(_corruptions));
            }
            else if (string.Equals(item, ReferenceListName, StringComparison.OrdinalIgnoreCase))
            {
                result.AddRange(DefaultCompositions.Create(_corruptions, DefaultCompositions.Seed, CompositionSampler.Python));
            }
            else
            {
                result.Add(Parse(item));
            }
        }

        if (result.Count == 0)
        {
            throw new FormatException("The list holds no composition; give e.g. 'default' or 'invert-swirl,swirl-invert'.");
        }

        var duplicate = result.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new FormatException($"Composition '{duplicate.Key}' appears more than once in the list.");
        }

        return result;
    }

    private CompositionStep ParseStep(string part, string whole)
    {
        string name = part;
        int? severity = null;
        int colon = part.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            name = part[..colon].Trim();
            if (!int.TryParse(part[(colon + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int value))
            {
                throw new FormatException($"'{part}' in '{whole}': the severity after ':' must be a whole number.");
            }

            severity = value;
        }

        if (name.Length == 0)
        {
            throw new FormatException($"'{whole}' has an empty corruption name (names are joined by single '-').");
        }

        string canonical = CompositionalSet.FromReferenceName(name) ?? name;
        if (!_corruptions.TryGet(canonical, out var corruption))
        {
            throw new FormatException($"Unknown corruption '{name}' in '{whole}'. Known corruptions: {string.Join(", ", _corruptions.All.Select(c => c.Name))}.");
        }

        int chosen = severity ?? corruption.DefaultSeverity;
        if (chosen < 1 || chosen > corruption.MaxSeverity)
        {
            throw new FormatException($"'{part}' in '{whole}': severity must be 1..{corruption.MaxSeverity}, got {chosen}.");
        }

        return new CompositionStep(corruption, chosen);
    }
}
