using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DigitForge.Domain.Sequences;

namespace DigitForge.Application.Sequences.GenerateSequence;

/// <summary>
/// Content address of a seeded sequence: the hash of its canonical description, used as ETag and cache key.
/// Bump <see cref="RendererVersion"/> whenever the same request would render different bytes.
/// </summary>
public static class SequenceContentId
{
    public const string RendererVersion = "sequence/1";

    /// <param name="request">The request.</param>
    /// <param name="spec">Its validated form.</param>
    /// <param name="variant">The encoding (png, npy).</param>
    /// <param name="originId">The source data's origin id when it is not the official files (appended only then).</param>
    public static string Compute(GenerateSequenceRequest request, SequenceSpec spec, string variant, string? originId = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(spec);
        var canonical = new StringBuilder(128)
            .Append(RendererVersion).Append('|')
            .Append(request.Source?.ToLowerInvariant() ?? "default").Append('|')
            .Append(spec.ToString()).Append('|')
            .Append(request.Seed?.ToString(CultureInfo.InvariantCulture) ?? "-").Append('|')
            .Append(variant.ToLowerInvariant())
            .Append(originId is null ? string.Empty : "|" + originId)
            .ToString();
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(canonical), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
