using Mediator;

namespace DigitForge.Application.Corruptions.GetCompositions;

/// <summary>A list of compositions in the generators' syntax (one per line or comma separated), checked and expanded.</summary>
public sealed record ParseCompositionsRequest(string Text) : IRequest<CompositionListInfo>;
