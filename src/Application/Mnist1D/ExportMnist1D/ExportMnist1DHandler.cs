using DigitForge.Application.Mnist1D.GenerateMnist1D;
using Mediator;

namespace DigitForge.Application.Mnist1D.ExportMnist1D;

/// <summary>
/// Computes the output's content id (a pure function of the request); answers "held" without generating when the caller
/// has it, else generates (reference mode: now; keyed mode: while writing) and hands back the file to stream.
/// </summary>
public sealed class ExportMnist1DHandler(IMnist1DFileWriter writer) : IRequestHandler<ExportMnist1DRequest, Mnist1DExport>
{
    public ValueTask<Mnist1DExport> Handle(ExportMnist1DRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string contentId = Mnist1DContentId.Compute(request.Dataset, request.Format.ToString());
        var data = request.ClientHolds?.Invoke(contentId) == true
            ? null
            : Mnist1DGeneration.Generate(request.Dataset, request.Progress, cancellationToken);
        return ValueTask.FromResult(new Mnist1DExport(contentId, request.Format, data, writer));
    }
}
