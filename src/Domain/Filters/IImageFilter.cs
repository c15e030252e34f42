using DigitForge.Domain.Imaging;
using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Filters;

/// <summary>
/// A named, parameterised image operation usable in a filter spec (<c>blur:sigma=2</c>). Filters work in place on
/// images of the sequence convention (0 = ink, 1 = paper) and never change the size: the reference contract says a
/// filter must not change the height, and keeping the width fixed lets the renderer place digits without copies.
/// </summary>
/// <remarks>
/// Implementations must be stateless and thread-safe: one instance serves all requests. All randomness comes from
/// the <see cref="KeyedRandom"/> passed in, so equal seeds give equal bytes. Mark a built-in with
/// <see cref="BuiltInFilterAttribute"/> and <see cref="FilterRegistry.BuiltInFilters"/> (registered as services by <c>AddImageFilters</c>) picks it up.
/// </remarks>
public interface IImageFilter
{
    /// <summary>Lower-case name used in specs: letters, digits, '-' and '_'.</summary>
    string Name { get; }

    /// <summary>One sentence for help texts, OpenAPI and the UI.</summary>
    string Description { get; }

    /// <summary>The parameters accepted after the name, in canonical order.</summary>
    IReadOnlyList<FilterParameter> Parameters { get; }

    void Apply(GrayImage image, FilterArguments arguments, KeyedRandom random);
}
