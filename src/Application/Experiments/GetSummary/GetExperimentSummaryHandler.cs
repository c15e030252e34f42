using DigitForge.Application.Common;
using DigitForge.Application.Experiments.Summaries;
using DigitForge.Application.Tracking;
using Mediator;

namespace DigitForge.Application.Experiments.GetSummary;

/// <summary>A job's result summary as its kind last wrote it; 404 when the run has none (yet).</summary>
public sealed class GetExperimentSummaryHandler(IArtifactStore store) : IRequestHandler<GetExperimentSummaryRequest, ExperimentSummary>
{
    public async ValueTask<ExperimentSummary> Handle(GetExperimentSummaryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await HandleAsync(request.RunId, cancellationToken);
    }

    /// <summary>The summary, or null when the run has none.</summary>
    public async Task<ExperimentSummary?> FindAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        await using var stream = store.OpenRead(runId, ExperimentSummary.ArtifactPath);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, cancellationToken);
        copy.Position = 0;
        return ExperimentSummary.Parse(copy);
    }

    public async Task<ExperimentSummary> HandleAsync(string runId, CancellationToken cancellationToken = default) =>
        await FindAsync(runId, cancellationToken) ?? throw new NotFoundException($"Run '{runId}' has no result summary (yet).");
}
