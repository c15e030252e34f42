using System.Text.Json;
using DigitForge.Application.Common;
using DigitForge.Application.Common.Parameters;
using DigitForge.Domain.Datasets;

namespace DigitForge.UnitTests.Parameters;

/// <summary>Text input (query strings, CLI options, form fields) read by the declared schema, and the front ends' scalar fields.</summary>
public class ParameterTextTests
{
    private static readonly GeneratorParameter Count = GeneratorParameter.Integer("count", 5, 1, 100, "n");
    private static readonly GeneratorParameter Rate = GeneratorParameter.Number("rate", 0.5, 0, 1, "r");
    private static readonly GeneratorParameter Flag = GeneratorParameter.Boolean("flag", false, "f");
    private static readonly GeneratorParameter Name = GeneratorParameter.Text("name", "a", "t");
    private static readonly GeneratorParameter Padding = GeneratorParameter.Range("padding", new IntegerRange(36, 60), 0, 1000, "p");

    [Fact]
    public void Text_reads_as_the_declared_kind()
    {
        Assert.Equal(JsonValueKind.Number, ParameterText.ToJson(Count, " 12 ").ValueKind);
        Assert.Equal(0.25, ParameterText.ToJson(Rate, "0.25").GetDouble());
        Assert.Equal(JsonValueKind.True, ParameterText.ToJson(Flag, "yes").ValueKind);
        Assert.Equal("12", ParameterText.ToJson(Name, "12").GetString()); // a text parameter stays text, even when it looks like a number
        Assert.Equal("[36,60]", ParameterText.ToJson(Padding, "36,60").GetRawText());
        Assert.Equal("[1,2]", ParameterText.ToJson(Padding, "[1, 2]").GetRawText());
        Assert.Equal(JsonValueKind.String, ParameterText.ToJson(Count, "many").ValueKind); // left for the binder to refuse by name
    }

    [Fact]
    public void Text_and_json_go_through_the_same_binder_with_field_named_errors()
    {
        var declared = new[] { Count, Rate, Flag };
        var fromText = ParameterText.ToJson(declared, new Dictionary<string, string> { ["count"] = "many", ["rate"] = "2", ["other"] = "1" });
        var errors = new List<ValidationError>();

        ParameterBinder.Bind("g", declared, JsonSerializer.SerializeToElement(fromText), errors);

        Assert.Equal(["parameters.count", "parameters.other", "parameters.rate"], errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Scalar_fields_are_blank_or_typed_or_a_400_naming_the_field()
    {
        Assert.Null(ParameterText.OptionalInt32("maxResults", " "));
        Assert.Equal(-3, ParameterText.OptionalInt64("step", "-3"));
        Assert.Equal(7UL, ParameterText.OptionalUInt64("seed", "7"));
        Assert.True(ParameterText.OptionalBoolean("includeDeleted", "TRUE"));
        Assert.Equal([1L, 2L, 3L], ParameterText.Int64List("experimentId", ["1,2", "3"]));
        Assert.Equal("maxResults", Assert.Throws<RequestValidationException>(() => ParameterText.OptionalInt32("maxResults", "ten")).Errors.Single().Field);
        Assert.Equal("seed", Assert.Throws<RequestValidationException>(() => ParameterText.OptionalUInt64("seed", "-1")).Errors.Single().Field);
        Assert.Equal("experimentId", Assert.Throws<RequestValidationException>(() => ParameterText.Int64List("experimentId", ["x"])).Errors.Single().Field);
    }
}
