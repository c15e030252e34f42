using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace DigitForge.Domain.Corruptions;

/// <summary>The built-in corruptions by name (case-insensitive), sorted by name. Immutable and thread-safe.</summary>
public sealed class CorruptionRegistry
{
    private static readonly Lazy<ICorruption[]> Discovered = new(DiscoverBuiltIns);

    private static readonly Lazy<CorruptionRegistry> Default = new(() => new CorruptionRegistry(Discovered.Value));

    private readonly Dictionary<string, ICorruption> _byName;

    public CorruptionRegistry(IEnumerable<ICorruption> corruptions)
    {
        ArgumentNullException.ThrowIfNull(corruptions);
        All = [.. corruptions.OrderBy(c => c.Name, StringComparer.Ordinal)];
        _byName = new Dictionary<string, ICorruption>(StringComparer.OrdinalIgnoreCase);
        foreach (var corruption in All)
        {
            if (corruption.DefaultSeverity < 1 || corruption.DefaultSeverity > corruption.MaxSeverity)
            {
                throw new ArgumentException($"Corruption '{corruption.Name}' has default severity {corruption.DefaultSeverity} outside 1..{corruption.MaxSeverity}.", nameof(corruptions));
            }

            if (!_byName.TryAdd(corruption.Name, corruption))
            {
                throw new ArgumentException($"Two corruptions are named '{corruption.Name}'.", nameof(corruptions));
            }
        }
    }

    public IReadOnlyList<ICorruption> All { get; }

    /// <summary>Every class of this assembly marked with <see cref="BuiltInCorruptionAttribute"/>.</summary>
    public static CorruptionRegistry CreateDefault() => Default.Value;

    /// <summary>Every corruption marked [BuiltInCorruption] in this assembly, one instance each (services register these).</summary>
    public static IReadOnlyList<ICorruption> BuiltIns => Discovered.Value;

    public bool TryGet(string name, [NotNullWhen(true)] out ICorruption? corruption)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name, out corruption);
    }

    /// <summary>The corruption named <paramref name="name"/>; an unknown name is a <see cref="KeyNotFoundException"/> listing the known ones.</summary>
    public ICorruption Get(string name) =>
        TryGet(name, out var corruption)
            ? corruption
            : throw new KeyNotFoundException($"Unknown corruption '{name}'. Known corruptions: {string.Join(", ", All.Select(c => c.Name))}.");

    private static ICorruption[] DiscoverBuiltIns() =>
        [.. typeof(CorruptionRegistry).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<BuiltInCorruptionAttribute>() is not null)
            .Select(t => (ICorruption)(Activator.CreateInstance(t)
                ?? throw new InvalidOperationException($"Cannot create built-in corruption {t.Name}.")))];
}
