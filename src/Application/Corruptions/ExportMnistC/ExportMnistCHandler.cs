using DigitForge.Domain.Corruptions.MnistC;
using Mediator;

namespace DigitForge.Application.Corruptions.ExportMnistC;

/// <summary>Loads MNIST-C's inputs (missing MNIST files: the source's unavailable error) and hands back the export to write.</summary>
public sealed class ExportMnistCHandler(IMnistCArchive archive) : IRequestHandler<ExportMnistCRequest, MnistCExport>
{
    public async ValueTask<MnistCExport> Handle(ExportMnistCRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (train, test) = await archive.LoadAsync(request.Train, request.Test, cancellationToken);
        return new MnistCExport(archive, train, test, request.Seed, MnistCCorruptions.Names);
    }
}
