using Mediator;

namespace DigitForge.Application.Tracking.Runs.SearchRuns;

/// <summary>
/// Runs of some experiments (all when empty) matching <paramref name="Filter"/> (e.g.
/// <c>metrics.acc &gt; 0.9 and params.model = 'cnn'</c>), sorted by <paramref name="OrderBy"/> terms (e.g.
/// <c>metrics.acc DESC</c>; default: newest first), one page of <paramref name="MaxResults"/> at a time.
/// <paramref name="View"/> is <c>active</c> (default: not deleted, in a live experiment), <c>deleted</c> or <c>all</c>.
/// </summary>
public sealed record SearchRunsRequest(
    IReadOnlyList<long>? ExperimentIds = null,
    string? Filter = null,
    IReadOnlyList<string>? OrderBy = null,
    int? MaxResults = null,
    string? PageToken = null,
    string? View = null) : IRequest<SearchRunsResult>;
