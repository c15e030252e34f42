namespace DigitForge.Web.Components.Datasets;

/// <summary>How many rows of a sample carry <paramref name="Label"/>; <paramref name="Name"/> is the class name, if it has one.</summary>
public sealed record LabelCount(string Label, string? Name, int Count);
