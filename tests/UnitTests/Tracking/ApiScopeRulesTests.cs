using DigitForge.Domain.Tracking;

namespace DigitForge.UnitTests.Tracking;

public sealed class ApiScopeRulesTests
{
    [Theory]
    [InlineData(ApiScopes.Read, ApiScopes.Read, true)]
    [InlineData(ApiScopes.Read, ApiScopes.Write, false)]
    [InlineData(ApiScopes.Read, ApiScopes.Admin, false)]
    [InlineData(ApiScopes.Write, ApiScopes.Read, true)]
    [InlineData(ApiScopes.Write, ApiScopes.Write, true)]
    [InlineData(ApiScopes.Write, ApiScopes.Admin, false)]
    [InlineData(ApiScopes.Admin, ApiScopes.Read, true)]
    [InlineData(ApiScopes.Admin, ApiScopes.Write, true)]
    [InlineData(ApiScopes.Admin, ApiScopes.Admin, true)]
    [InlineData(ApiScopes.None, ApiScopes.Read, false)]
    [InlineData(ApiScopes.Read | ApiScopes.Admin, ApiScopes.Write, true)]
    public void Admin_implies_write_implies_read(ApiScopes granted, ApiScopes required, bool allowed) =>
        Assert.Equal(allowed, ApiScopeRules.Grants(granted, required));

    [Fact]
    public void Requiring_nothing_is_never_granted_by_accident() =>
        Assert.False(ApiScopeRules.Grants(ApiScopes.Admin, ApiScopes.None));

    [Fact]
    public void Keys_from_before_scopes_read_and_write_but_do_not_administer()
    {
        Assert.Equal("read,write", ApiScopeRules.Format(ApiScopeRules.LegacyDefault));
        Assert.Equal(ApiScopeRules.LegacyDefaultText, ApiScopeRules.Format(ApiScopeRules.LegacyDefault));
        Assert.True(ApiScopeRules.Grants(ApiScopeRules.LegacyDefault, ApiScopes.Write));
        Assert.False(ApiScopeRules.Grants(ApiScopeRules.LegacyDefault, ApiScopes.Admin));
        Assert.Equal(ApiScopes.Read | ApiScopes.Write, new ApiKey("old", "dfk_xxxxxx", new string('a', 64), DateTimeOffset.UnixEpoch).Scopes);
    }

    [Theory]
    [InlineData("read", ApiScopes.Read)]
    [InlineData("READ, Write", ApiScopes.Read | ApiScopes.Write)]
    [InlineData("admin read", ApiScopes.Read | ApiScopes.Admin)]
    [InlineData("", ApiScopes.None)]
    public void Names_parse_case_insensitively_and_format_lowest_first(string text, ApiScopes expected)
    {
        Assert.True(ApiScopeRules.TryParse(text, out var scopes));
        Assert.Equal(expected, scopes);
        Assert.True(ApiScopeRules.TryParse(ApiScopeRules.Format(scopes), out var again));
        Assert.Equal(scopes, again);
    }

    [Theory]
    [InlineData("root")]
    [InlineData("read,sudo")]
    public void Unknown_names_are_refused_and_a_damaged_stored_value_grants_nothing(string text)
    {
        Assert.False(ApiScopeRules.TryParse(text, out _));
        Assert.Equal(ApiScopes.None, ApiScopeRules.ParseStored(text));
    }

    [Fact]
    public void Revoking_keeps_the_first_time()
    {
        var key = ApiKey.Create("ci", "dfk_abcdef", new string('b', 64), ApiScopes.Read, DateTimeOffset.UnixEpoch);
        key.Revoke(DateTimeOffset.UnixEpoch.AddDays(1));
        key.Revoke(DateTimeOffset.UnixEpoch.AddDays(2));

        Assert.True(key.IsRevoked);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddDays(1), key.RevokedAt);
    }
}
