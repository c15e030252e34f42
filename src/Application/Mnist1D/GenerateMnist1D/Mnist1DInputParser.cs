using DigitForge.Application.Common;
using DigitForge.Application.Common.Parameters;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Mnist1D;
using Names = DigitForge.Domain.Mnist1D.Mnist1DArgumentNames;

namespace DigitForge.Application.Mnist1D.GenerateMnist1D;

/// <summary>
/// Turns <see cref="Mnist1DTextInput"/> into a request through the one parameter binder (<see cref="ParameterBinder"/>
/// over <see cref="Parameters"/>), collecting every unreadable value under the reference's argument name
/// (<c>num_samples</c>, <c>padding</c>, ...) so HTTP and CLI users can copy settings from the reference. The schema
/// declares only what the text must read as (bounds are those of the carrier types); the reference's rules
/// (num_samples ≥ 10, final_seq_length ≥ 2, ...) and the configured limits are the use cases' validators'
/// (<see cref="Mnist1DRules"/>), so they hold the same way for every front end.
/// </summary>
public static class Mnist1DInputParser
{
    /// <summary>The query/CLI name of the mode.</summary>
    public const string ModeField = "mode";

    private const string Owner = "mnist1d";

    private static readonly Mnist1DArguments Defaults = Mnist1DArguments.Default;

    /// <summary>
    /// The reference's arguments and the mode, as every text surface (query string, CLI options, the page's form) reads
    /// them: integers, numbers, <c>padding</c> as <c>min,max</c>, <c>[min, max]</c>, <c>(min, max)</c> or one value for
    /// both, <c>shuffle_seq</c> as true/false (1/0, yes/no, on/off, any case, so Python's True/False too).
    /// </summary>
    public static IReadOnlyList<GeneratorParameter> Parameters { get; } =
    [
        Whole(Names.NumSamples, Defaults.NumSamples, "Total samples, rounded down to a multiple of 10."),
        GeneratorParameter.Number(Names.TrainSplit, Defaults.TrainSplit, double.MinValue, double.MaxValue, "Fraction of the samples in x/y."),
        Whole(Names.TemplateLength, Defaults.TemplateLength, "Template length; the dilated length is template_len + the padding maximum."),
        GeneratorParameter.Range(Names.Padding, new IntegerRange(Defaults.Padding.Min, Defaults.Padding.Max), int.MinValue, int.MaxValue, "Zeros appended before dilation, uniform in [min, max]."),
        Real(Names.ScaleCoefficient, Defaults.ScaleCoefficient, "Amplitude factor 1 + scale_coeff*(u - 0.5)."),
        Whole(Names.MaxTranslation, Defaults.MaxTranslation, "Circular shift, uniform in [0, max_translation)."),
        Real(Names.CorrelatedNoiseScale, Defaults.CorrelatedNoiseScale, "Std of the white noise smoothed (sigma 2) into the background."),
        Real(Names.IidNoiseScale, Defaults.IidNoiseScale, "Std of the white noise added everywhere."),
        Real(Names.ShearScale, Defaults.ShearScale, "Tilt slope shear_scale*(u - 0.5)."),
        GeneratorParameter.Boolean(Names.ShuffleSequence, Defaults.ShuffleSequence, "Permute the columns with one fixed permutation."),
        Whole(Names.FinalSequenceLength, Defaults.FinalSequenceLength, "Points per signal."),
        GeneratorParameter.Integer(Names.Seed, Defaults.Seed, long.MinValue, long.MaxValue, "np.random.seed value."),
        GeneratorParameter.Choice(ModeField, "reference", ["reference", "keyed"], "reference: NumPy's stream, exactly the reference's values; keyed: rows generated in parallel."),
    ];

    public static GenerateMnist1DRequest Parse(Mnist1DTextInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<ValidationError>();
        var request = Bind(input, errors);
        return errors.Count > 0 ? throw new RequestValidationException(errors) : request;
    }

    /// <summary>The request <paramref name="input"/> gives, each unreadable value added to <paramref name="errors"/> (and defaulted).</summary>
    public static GenerateMnist1DRequest Bind(Mnist1DTextInput input, List<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(errors);
        int before = errors.Count;
        var values = ParameterBinder.BindText(Owner, Parameters, Text(input), errors, ParameterBinder.BareField);
        var padding = values.GetRange(Names.Padding);
        var arguments = new Mnist1DArguments
        {
            NumSamples = values.GetInt32(Names.NumSamples),
            TrainSplit = values.GetDouble(Names.TrainSplit),
            TemplateLength = values.GetInt32(Names.TemplateLength),
            Padding = new Mnist1DPadding(checked((int)padding.Min), checked((int)padding.Max)),
            ScaleCoefficient = values.GetDouble(Names.ScaleCoefficient),
            MaxTranslation = values.GetInt32(Names.MaxTranslation),
            CorrelatedNoiseScale = values.GetDouble(Names.CorrelatedNoiseScale),
            IidNoiseScale = values.GetDouble(Names.IidNoiseScale),
            ShearScale = values.GetDouble(Names.ShearScale),
            ShuffleSequence = values.GetBoolean(Names.ShuffleSequence),
            FinalSequenceLength = values.GetInt32(Names.FinalSequenceLength),
            Seed = values.GetInt64(Names.Seed),
        };
        if (errors.Count > before)
        {
            // The request will not be sent, so its validator will not run: name the reference's rules the values that
            // did read break too (num_samples=1&padding=3,1 names both), so one answer lists every bad argument.
            var unreadable = errors.Skip(before).Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
            errors.AddRange(arguments.Validate().Where(e => !unreadable.Contains(e.Field)).Select(e => new ValidationError(e.Field, e.Message)));
        }

        return new GenerateMnist1DRequest(arguments, values.GetString(ModeField) == "keyed" ? Mnist1DMode.Keyed : Mnist1DMode.Reference);
    }

    /// <summary>The text form of a mode, as <see cref="Parse"/> reads it.</summary>
    public static string ModeName(Mnist1DMode mode) => mode == Mnist1DMode.Keyed ? "keyed" : "reference";

    private static KeyValuePair<string, string?>[] Text(Mnist1DTextInput input) =>
    [
        new(Names.NumSamples, input.NumSamples),
        new(Names.TrainSplit, input.TrainSplit),
        new(Names.TemplateLength, input.TemplateLength),
        new(Names.Padding, input.Padding),
        new(Names.ScaleCoefficient, input.ScaleCoefficient),
        new(Names.MaxTranslation, input.MaxTranslation),
        new(Names.CorrelatedNoiseScale, input.CorrelatedNoiseScale),
        new(Names.IidNoiseScale, input.IidNoiseScale),
        new(Names.ShearScale, input.ShearScale),
        new(Names.ShuffleSequence, input.ShuffleSequence),
        new(Names.FinalSequenceLength, input.FinalSequenceLength),
        new(Names.Seed, input.Seed),
        new(ModeField, input.Mode),
    ];

    // Bounds of the carrier type only: the reference's own rules are the validators'.
    private static GeneratorParameter Whole(string name, int defaultValue, string description) =>
        GeneratorParameter.Integer(name, defaultValue, int.MinValue, int.MaxValue, description);

    private static GeneratorParameter Real(string name, double defaultValue, string description) =>
        GeneratorParameter.Number(name, defaultValue, double.MinValue, double.MaxValue, description);
}
