using Mediator;

namespace DigitForge.Application.DataSources.GetDataStatus;

/// <summary>Which sources and splits the data directory holds, with counts and origin.</summary>
public sealed record GetDataStatusRequest : IRequest<DataStatus>;

/// <summary>The data directory and the status of every source split.</summary>
public sealed record DataStatus(string DataRoot, IReadOnlyList<DataSourceStatus> Sources);
