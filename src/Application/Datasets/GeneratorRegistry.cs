using System.Diagnostics.CodeAnalysis;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Filters;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Application.Datasets;

/// <summary>
/// The dataset generators every front end offers. Registering one makes it appear in <c>GET /api/generators</c>, the
/// UI form, the CLI and every bundle format; nothing else needs to change. Reads are lock-free (copy on write).
/// </summary>
public sealed class GeneratorRegistry
{
    private readonly Lock _writeLock = new();
    private volatile IDatasetGenerator[] _all = [];

    public GeneratorRegistry()
    {
    }

    /// <summary>A registry of <paramref name="generators"/> in order: the registered <see cref="IDatasetGenerator"/> services.</summary>
    public GeneratorRegistry(IEnumerable<IDatasetGenerator> generators)
    {
        ArgumentNullException.ThrowIfNull(generators);
        foreach (var generator in generators)
        {
            Register(generator);
        }
    }

    public IReadOnlyList<IDatasetGenerator> All => _all;

    /// <summary>
    /// The generators <see cref="RegistryServices.AddDatasetGenerators"/> registers, over <paramref name="filters"/>,
    /// outside a service container (tests, the CLI's help text).
    /// </summary>
    public static GeneratorRegistry CreateDefault(FilterRegistry filters)
    {
        var services = new ServiceCollection().AddSingleton(filters).AddCorruptions().AddDatasetGenerators();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<GeneratorRegistry>();
    }

    /// <summary>Adds a generator; throws when its name is malformed or taken, or its declaration is inconsistent.</summary>
    public void Register(IDatasetGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (!IsValidName(generator.Name))
        {
            throw new ArgumentException($"Generator name '{generator.Name}' may only contain lower-case letters, digits and '-', starting with a letter.", nameof(generator));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in generator.Parameters)
        {
            if (!names.Add(parameter.Name) || !IsValidName(parameter.Name.Replace('_', '-')))
            {
                throw new ArgumentException($"Generator '{generator.Name}' declares parameter '{parameter.Name}' twice or with a malformed name.", nameof(generator));
            }
        }

        if (generator.SplitNames.Count == 0 || generator.DefaultSplits.Any(s => !generator.SplitNames.Contains(s.Name)))
        {
            throw new ArgumentException($"Generator '{generator.Name}' needs split names that cover its default splits.", nameof(generator));
        }

        if (!IsSemanticVersion(generator.Version))
        {
            throw new ArgumentException($"Generator '{generator.Name}' version '{generator.Version}' is not MAJOR.MINOR.PATCH.", nameof(generator));
        }

        lock (_writeLock)
        {
            if (_all.Any(g => g.Name == generator.Name))
            {
                throw new ArgumentException($"A generator named '{generator.Name}' is already registered.", nameof(generator));
            }

            _all = [.. _all, generator];
        }
    }

    public bool TryGet(string name, [NotNullWhen(true)] out IDatasetGenerator? generator)
    {
        generator = _all.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));
        return generator is not null;
    }

    private static bool IsSemanticVersion(string? version) =>
        version?.Split('.') is { Length: 3 } parts && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit));

    private static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && char.IsAsciiLetterLower(name[0]) && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
