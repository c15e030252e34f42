namespace DigitForge.Application.Common;

/// <summary>
/// Who is asking, for limits that give each client a share (the dataset stream slots): the HTTP front end names the
/// remote address of the current request; the CLI and background work are one local client.
/// </summary>
public interface IRequestClient
{
    /// <summary>An opaque key of the current caller.</summary>
    string Id { get; }
}

/// <summary>The one client of a process without callers of its own (CLI, workers).</summary>
public sealed class LocalRequestClient : IRequestClient
{
    public string Id => "local";
}
