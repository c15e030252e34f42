namespace DigitForge.Domain.Tracking;

/// <summary>
/// The scope rules: a key holds the scopes it was given plus every scope they imply (admin → write → read), and
/// satisfies a requirement when that closure contains it. Scopes are written as lower-case names, comma-separated
/// (<c>read,write</c>), in the database, the CLI and the API alike.
/// </summary>
public static class ApiScopeRules
{
    /// <summary>
    /// The scopes of keys stored before keys had scopes: they were write keys (every write and every read), and
    /// key management was the CLI's alone, so they get read and write but not admin.
    /// </summary>
    public const ApiScopes LegacyDefault = ApiScopes.Read | ApiScopes.Write;

    /// <summary>The scopes a new key gets when none are named: the same as before scopes existed.</summary>
    public const ApiScopes NewKeyDefault = ApiScopes.Read | ApiScopes.Write;

    /// <summary>The text of <see cref="LegacyDefault"/> as stored, for the migration's default.</summary>
    public const string LegacyDefaultText = "read,write";

    private static readonly (ApiScopes Scope, string Name)[] Names =
    [
        (ApiScopes.Read, "read"),
        (ApiScopes.Write, "write"),
        (ApiScopes.Admin, "admin"),
    ];

    /// <summary>Every valid scope name, lowest first.</summary>
    public static IReadOnlyList<string> AllNames { get; } = Names.Select(n => n.Name).ToArray();

    /// <summary>The granted scopes and every scope they imply.</summary>
    public static ApiScopes Effective(ApiScopes granted)
    {
        var effective = granted & (ApiScopes.Read | ApiScopes.Write | ApiScopes.Admin);
        if (effective.HasFlag(ApiScopes.Admin))
        {
            effective |= ApiScopes.Write;
        }

        if (effective.HasFlag(ApiScopes.Write))
        {
            effective |= ApiScopes.Read;
        }

        return effective;
    }

    /// <summary>Whether a key granted <paramref name="granted"/> may do what needs <paramref name="required"/>.</summary>
    public static bool Grants(ApiScopes granted, ApiScopes required) =>
        required != ApiScopes.None && (Effective(granted) & required) == required;

    /// <summary><c>read,write</c>: the names of the scopes set, lowest first; empty for none.</summary>
    public static string Format(ApiScopes scopes) =>
        string.Join(',', Names.Where(n => scopes.HasFlag(n.Scope)).Select(n => n.Name));

    /// <summary>Parses names separated by commas or spaces (case-insensitive); false on an unknown name.</summary>
    public static bool TryParse(string? text, out ApiScopes scopes)
    {
        scopes = ApiScopes.None;
        foreach (string part in (text ?? string.Empty).Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Names.FirstOrDefault(n => string.Equals(n.Name, part, StringComparison.OrdinalIgnoreCase));
            if (match.Name is null)
            {
                scopes = ApiScopes.None;
                return false;
            }

            scopes |= match.Scope;
        }

        return true;
    }

    /// <summary>Parses stored text; what cannot be read grants nothing (a damaged row must not widen access).</summary>
    public static ApiScopes ParseStored(string? text) => TryParse(text, out var scopes) ? scopes : ApiScopes.None;
}
