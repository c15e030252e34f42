using Mediator;

namespace DigitForge.Application.Experiments.Ambiguity.ExportPrototypes;

/// <summary>The prototypes of a finished <c>gasten-ambiguity</c> run (and their saliency maps) as PNG files.</summary>
public sealed record ExportPrototypesRequest(string RunId) : IRequest<PrototypeExport>;

/// <summary>One file to write: a name without folders (<c>cluster-00.png</c>, <c>cluster-00-saliency.png</c>, …) and its bytes.</summary>
public sealed record ExportedFile(string Name, byte[] Content);

/// <summary>Every prototype PNG, then its saliency and integrated-gradient maps when the run computed them.</summary>
public sealed record PrototypeExport(string RunId, int Prototypes, bool Explained, IReadOnlyList<ExportedFile> Files);
