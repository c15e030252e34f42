using System.Text.Json;
using DigitForge.Application.Common;
using DigitForge.Application.Common.Parameters;
using DigitForge.Application.Datasets.ListGenerators;
using DigitForge.Application.Sequences.GenerateSequence;
using DigitForge.Domain.Datasets;

namespace DigitForge.UnitTests.Parameters;

/// <summary>Text surfaces bound by the one binder: the same values and messages as JSON, bare field names where a surface's contract has them.</summary>
public class ParameterBinderTextTests
{
    private static readonly GeneratorParameter[] Declared =
    [
        GeneratorParameter.Integer("count", 5, 1, 100, "n"),
        GeneratorParameter.Range("padding", new IntegerRange(36, 60), 0, 1000, "p"),
        GeneratorParameter.Choice("mode", "reference", ["reference", "keyed"], "m"),
    ];

    private static readonly int[] PaddingPair = [1, 2];

    [Fact]
    public void Text_and_json_give_the_same_values_and_the_same_messages()
    {
        var textErrors = new List<ValidationError>();
        var jsonErrors = new List<ValidationError>();

        var fromText = ParameterBinder.BindText("g", Declared, [new("count", "101"), new("padding", "(1, 2)"), new("mode", "KEYED")], textErrors);
        ParameterBinder.Bind("g", Declared, JsonSerializer.SerializeToElement(new { count = 101, padding = PaddingPair, mode = "keyed" }), jsonErrors);

        Assert.Equal(jsonErrors, textErrors);
        Assert.Equal("parameters.count", Assert.Single(textErrors).Field);
        Assert.Equal(new IntegerRange(1, 2), fromText.GetRange("padding"));
        Assert.Equal("keyed", fromText.GetString("mode"));
    }

    [Fact]
    public void Blank_text_is_the_default_and_bare_fields_name_the_parameter_itself()
    {
        var errors = new List<ValidationError>();

        var values = ParameterBinder.BindText("g", Declared, [new("count", " "), new("padding", "x"), new("mode", null)], errors, ParameterBinder.BareField);

        Assert.Equal(5L, values.GetInt64("count"));
        Assert.Equal("padding", Assert.Single(errors).Field);
        Assert.Contains("got 'x'", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_listed_schema_reads_back_as_the_declared_one()
    {
        var listed = Declared.Select(p => new ParameterInfo(
            p.Name,
            p.Kind switch { ParameterKind.Integer => "integer", ParameterKind.IntegerRange => "integer-range", _ => "string" },
            p.Default is IntegerRange r ? new[] { r.Min, r.Max } : p.Default,
            p.Min,
            p.Max,
            p.Kind == ParameterKind.Choice ? p.Choices : null,
            p.Description));

        var schema = ParameterSchema.From(listed);

        Assert.Equal(Declared.Select(p => (p.Name, p.Kind, p.Min, p.Max)), schema.Select(p => (p.Name, p.Kind, p.Min, p.Max)));
        Assert.Equal(Declared.Select(p => p.Default), schema.Select(p => p.Default));
    }

    [Fact]
    public void Sequence_text_is_read_by_the_binder_and_every_problem_is_named()
    {
        var request = SequenceInputParser.Parse("498127", "2,5", "0", "yes", " ", "7", " mnist ");
        Assert.Equal([4, 9, 8, 1, 2, 7], request.Digits);
        Assert.Equal((2, 5, null, true, null, 7UL, "mnist"), (request.SpacingMin, request.SpacingMax, request.Width, request.Evenly, request.Filters, request.Seed, request.Source));

        var ex = Assert.Throws<RequestValidationException>(() => SequenceInputParser.Parse(null, "1,2,3", "wide", "maybe", null, "-1", null));

        Assert.Equal(["spacing", "width", "evenly", "digits", "seed"], ex.Errors.Select(e => e.Field));
    }
}
