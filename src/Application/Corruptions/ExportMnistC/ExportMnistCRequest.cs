using Mediator;

namespace DigitForge.Application.Corruptions.ExportMnistC;

/// <summary>
/// MNIST-C (identity + 15 corruptions at its default severities) from the MNIST files in the data directory.
/// </summary>
/// <param name="Seed">Seed of the random corruptions (row i uses the stream (seed, split, i)).</param>
/// <param name="Train">Only the first N train images (null: all).</param>
/// <param name="Test">Only the first N test images (null: all).</param>
public sealed record ExportMnistCRequest(ulong Seed = 0, int? Train = null, int? Test = null) : IRequest<MnistCExport>;
