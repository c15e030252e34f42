namespace DigitForge.Domain.Corruptions;

/// <summary>
/// Marks a corruption of this assembly for <see cref="CorruptionRegistry.BuiltIns"/> (registered as services by <c>AddCorruptions</c>), so adding a built-in
/// corruption is one new file. The class needs a public parameterless constructor.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class BuiltInCorruptionAttribute : Attribute
{
}
