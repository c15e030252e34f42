using Mediator;

namespace DigitForge.Application.DataSources.WriteTestData;

/// <summary>Small valid IDX files for tests: <paramref name="Count"/> images per split, label i = i % 10, pixel sum == label.</summary>
/// <param name="Directory">Where to write them.</param>
/// <param name="Count">Images per split.</param>
/// <param name="HeadersOnly">Valid headers, no content (readers must reject the size).</param>
public sealed record WriteTestDataRequest(string Directory, int Count, bool HeadersOnly) : IRequest<string>
{
    /// <summary>Images per split when none is given.</summary>
    public const int DefaultCount = 20;
}
