namespace DigitForge.Domain.Datasets;

/// <summary>
/// A part of the memory a generator needs to open a dataset, with the spec field that drives it (e.g.
/// <c>parameters.padding</c>, <c>splits</c>), so that a budget excess is reported under the field to change.
/// </summary>
public readonly record struct WorkingMemory(long Bytes, string Field);
