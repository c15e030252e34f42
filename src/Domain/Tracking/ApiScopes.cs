namespace DigitForge.Domain.Tracking;

/// <summary>What an API key may do. Each scope implies the ones below it: admin ⊇ write ⊇ read (see <see cref="ApiScopeRules"/>).</summary>
[Flags]
public enum ApiScopes
{
    None = 0,

    /// <summary>Tracking reads (runs, experiments, jobs, images, artifacts) when reads are not public.</summary>
    Read = 1,

    /// <summary>Tracking writes, launches, cancels, dataset creation and uploads.</summary>
    Write = 2,

    /// <summary>Managing keys over the API.</summary>
    Admin = 4,
}
