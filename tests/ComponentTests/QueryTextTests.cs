using DigitForge.Web.Components.Common;

namespace DigitForge.ComponentTests;

public sealed class QueryTextTests
{
    [Fact]
    public void Malformed_values_become_messages_naming_the_field()
    {
        var problems = new List<string>();

        Assert.Null(QueryText.WholeNumber("index", "abc", problems));
        Assert.Null(QueryText.LongNumber("experiment", "1e3", problems));
        Assert.False(QueryText.Flag("diff", "maybe", problems));
        Assert.Null(QueryText.WholeNumber("offset", "-1", problems, minimum: 0));

        Assert.Collection(
            problems,
            p => Assert.Equal("index: must be a whole number, got 'abc'.", p),
            p => Assert.StartsWith("experiment:", p, StringComparison.Ordinal),
            p => Assert.Equal("diff: must be true or false, got 'maybe'.", p),
            p => Assert.StartsWith("offset: must be at least 0", p, StringComparison.Ordinal));
    }

    [Fact]
    public void Good_and_missing_values_read_without_messages()
    {
        var problems = new List<string>();

        Assert.Equal(12, QueryText.WholeNumber("index", " 12 ", problems));
        Assert.Null(QueryText.WholeNumber("index", null, problems));
        Assert.Equal(7L, QueryText.LongNumber("experiment", "7", problems));
        Assert.True(QueryText.Flag("diff", "TRUE", problems));
        Assert.False(QueryText.Flag("diff", null, problems));
        Assert.Empty(problems);
    }
}
