using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using DigitForge.Domain.Corruptions;

namespace DigitForge.Domain.Filters;

/// <summary>
/// The named filters available to specs. Names are case-insensitive. Reads are lock-free and safe from any thread;
/// <see cref="Register"/> may run concurrently with them (copy on write), though registering at start-up is the norm.
/// </summary>
public sealed class FilterRegistry
{
    private readonly Lock _writeLock = new();
    private volatile Snapshot _snapshot = new(new Dictionary<string, IImageFilter>(StringComparer.OrdinalIgnoreCase), []);

    /// <summary>Registered filters in registration order (built-ins sorted by name).</summary>
    public FilterRegistry()
    {
    }

    /// <summary>A registry of <paramref name="filters"/>, in order (how services build it from the registered filters).</summary>
    public FilterRegistry(IEnumerable<IImageFilter> filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        foreach (var filter in filters)
        {
            Register(filter);
        }
    }

    public IReadOnlyList<IImageFilter> All => _snapshot.Ordered;

    /// <summary>Every filter marked [BuiltInFilter] in this assembly, one instance each (services register these).</summary>
    public static IReadOnlyList<IImageFilter> BuiltInFilters => BuiltIns.Value;

    /// <summary>
    /// A registry holding every filter of this assembly marked with <see cref="BuiltInFilterAttribute"/>, then every
    /// built-in corruption as a <see cref="CorruptionFilter"/>.
    /// </summary>
    public static FilterRegistry CreateDefault()
    {
        var registry = new FilterRegistry();
        foreach (var filter in BuiltIns.Value)
        {
            registry.Register(filter);
        }

        foreach (var corruption in CorruptionRegistry.CreateDefault().All)
        {
            registry.Register(new CorruptionFilter(corruption));
        }

        return registry;
    }

    /// <summary>Adds a filter; throws when its name is invalid or already taken.</summary>
    public void Register(IImageFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        string name = filter.Name;
        if (name is null || !FilterNames.IsValid(name))
        {
            throw new ArgumentException($"Filter name '{name}' may only contain lower-case letters, digits, '-' and '_'.", nameof(filter));
        }

        ArgumentNullException.ThrowIfNull(filter.Parameters, nameof(filter.Parameters));
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in filter.Parameters)
        {
            if (!names.Add(parameter.Name))
            {
                throw new ArgumentException($"Filter '{filter.Name}' declares parameter '{parameter.Name}' twice.", nameof(filter));
            }
        }

        lock (_writeLock)
        {
            var current = _snapshot;
            if (current.ByName.ContainsKey(name))
            {
                throw new ArgumentException($"A filter named '{name}' is already registered.", nameof(filter));
            }

            var byName = new Dictionary<string, IImageFilter>(current.ByName, StringComparer.OrdinalIgnoreCase) { [name] = filter };
            _snapshot = new Snapshot(byName, [.. current.Ordered, filter]);
        }
    }

    public bool TryGet(string name, [NotNullWhen(true)] out IImageFilter? filter)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _snapshot.ByName.TryGetValue(name, out filter);
    }

    /// <summary>
    /// Parses <c>blur</c>, <c>blur:sigma=2</c>, <c>distort:alpha=18</c>, several filters comma-separated and several
    /// parameters as <c>name:key=value:key2=value2</c>, in application order. Null or blank means no filters.
    /// Throws <see cref="FilterSpecException"/> naming the filter and parameter on any error; unknown names are errors.
    /// </summary>
    public IReadOnlyList<FilterInvocation> Parse(string? spec) => FilterSpecParser.Parse(spec, this);

    private static readonly Lazy<IImageFilter[]> BuiltIns = new(DiscoverBuiltIns);

    private static IImageFilter[] DiscoverBuiltIns() =>
        [.. typeof(FilterRegistry).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<BuiltInFilterAttribute>() is not null)
            .Select(t => (IImageFilter)(Activator.CreateInstance(t)
                ?? throw new InvalidOperationException($"Cannot create built-in filter {t.Name}.")))
            .OrderBy(f => f.Name, StringComparer.Ordinal)];

    private sealed record Snapshot(Dictionary<string, IImageFilter> ByName, IImageFilter[] Ordered);
}
