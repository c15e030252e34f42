using DigitForge.Domain.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace DigitForge.Application.Tracking.ApiKeys;

/// <summary>
/// Checks presented keys against the configured ones (<c>DIGITFORGE_API_KEYS</c>, comma-separated; every scope) and
/// the stored hashes (their own scopes; revoked ones never). The database is asked on every check, so a key made or
/// revoked by <c>digitforge keys</c> in another process takes effect at once.
/// </summary>
public sealed class ApiKeyVerifier(ITrackingDbContext db, IConfiguration configuration)
{
    private const ApiScopes ConfiguredScopes = ApiScopes.Read | ApiScopes.Write | ApiScopes.Admin;

    private readonly string[] _configuredHashes = ConfiguredKeys(configuration).Select(ApiKeyHasher.Hash).ToArray();

    public bool HasConfiguredKeys => _configuredHashes.Length > 0;

    public static IReadOnlyList<string> ConfiguredKeys(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return (configuration[TrackingOptions.ApiKeysVariable] ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>
    /// Whether any key exists, i.e. whether writes need one. A revoked key counts: revoking the last key must not open
    /// the server to anonymous writes.
    /// </summary>
    public async Task<bool> KeysExistAsync(CancellationToken cancellationToken = default) =>
        HasConfiguredKeys || await db.ApiKeys.AnyAsync(cancellationToken);

    /// <summary>The key behind <paramref name="presented"/>, or null when it is neither configured nor stored and active.</summary>
    public Task<VerifiedKey?> FindAsync(string? presented, CancellationToken cancellationToken = default) =>
        string.IsNullOrEmpty(presented) ? Task.FromResult<VerifiedKey?>(null) : FindByHashAsync(ApiKeyHasher.Hash(presented), cancellationToken);

    /// <summary>The key whose SHA-256 is <paramref name="hash"/>, if it is still configured or stored and not revoked.</summary>
    public async Task<VerifiedKey?> FindByHashAsync(string? hash, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(hash) || hash.Length != 64)
        {
            return null;
        }

        bool configured = false;
        foreach (string candidate in _configuredHashes)
        {
            configured |= ApiKeyHasher.Equal(candidate, hash);
        }

        if (configured)
        {
            return new VerifiedKey(null, VerifiedKey.ConfiguredName, ConfiguredScopes, hash);
        }

        var stored = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Hash == hash && k.RevokedAt == null)
            .Select(k => new { k.Id, k.Name, k.Scopes })
            .FirstOrDefaultAsync(cancellationToken);
        return stored is null ? null : new VerifiedKey(stored.Id, stored.Name, stored.Scopes, hash);
    }

    /// <summary>The outcome for a presented key alone, without any scope: open server, valid, missing or invalid.</summary>
    public async Task<ApiKeyCheck> CheckAsync(string? presented, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(presented, cancellationToken) is not null)
        {
            return ApiKeyCheck.Valid;
        }

        if (!await KeysExistAsync(cancellationToken))
        {
            return ApiKeyCheck.NotRequired;
        }

        return string.IsNullOrEmpty(presented) ? ApiKeyCheck.Missing : ApiKeyCheck.Invalid;
    }
}
