namespace DigitForge.Domain.Filters;

/// <summary>
/// Marks a filter of this assembly for <see cref="FilterRegistry.BuiltInFilters"/> (registered as services by <c>AddImageFilters</c>), so adding a built-in filter is
/// one new file. The class needs a public parameterless constructor.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class BuiltInFilterAttribute : Attribute
{
}
