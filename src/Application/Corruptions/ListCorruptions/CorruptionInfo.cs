namespace DigitForge.Application.Corruptions.ListCorruptions;

/// <summary>One registered corruption as the API, UI and CLI list it.</summary>
/// <param name="Name">snake_case name, also its filter name.</param>
/// <param name="Description">One sentence.</param>
/// <param name="DefaultSeverity">Severity used when none is given.</param>
/// <param name="MaxSeverity">Severities run 1..MaxSeverity.</param>
/// <param name="Sets">Reference sets it belongs to: "compositional", "mnist-c".</param>
/// <param name="ReferenceName">The compositional reference's class name (e.g. GaussianBlur), or the name itself.</param>
public sealed record CorruptionInfo(string Name, string Description, int DefaultSeverity, int MaxSeverity, IReadOnlyList<string> Sets, string ReferenceName);
