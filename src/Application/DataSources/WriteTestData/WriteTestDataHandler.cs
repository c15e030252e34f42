using Mediator;

namespace DigitForge.Application.DataSources.WriteTestData;

/// <summary>Writes the files through the store; answers the directory's full path.</summary>
public sealed class WriteTestDataHandler(ISourceStore store) : IRequestHandler<WriteTestDataRequest, string>
{
    public async ValueTask<string> Handle(WriteTestDataRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await store.WriteTestDataAsync(request.Directory, request.Count, request.HeadersOnly, cancellationToken);
        return Path.GetFullPath(request.Directory);
    }
}
