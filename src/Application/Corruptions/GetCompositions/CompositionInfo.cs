namespace DigitForge.Application.Corruptions.GetCompositions;

/// <summary>One composition of a list: its position, our name, the reference's key and its steps in order.</summary>
public sealed record CompositionInfo(int Index, string Name, string ReferenceName, IReadOnlyList<CompositionStepInfo> Steps);

/// <summary>One step: corruption name and severity.</summary>
public sealed record CompositionStepInfo(string Corruption, int Severity);

/// <summary>A list of compositions, e.g. the default 167, with how it was made.</summary>
/// <param name="Name">"default" or "custom".</param>
/// <param name="Seed">Sampler seed of a default list; null for a given list.</param>
/// <param name="Count">Number of compositions.</param>
/// <param name="Text">The list as the generators' <c>compositions</c> parameter takes it (one per line), to pin it.</param>
/// <param name="Compositions">The compositions in order.</param>
/// <param name="Note">How the list relates to the reference's.</param>
public sealed record CompositionListInfo(string Name, ulong? Seed, int Count, string Text, IReadOnlyList<CompositionInfo> Compositions, string Note);
