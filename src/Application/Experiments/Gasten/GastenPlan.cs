using DigitForge.Domain.Datasets;

namespace DigitForge.Application.Experiments.Gasten;

/// <summary>
/// The two-step protocol's sizes after the preset: explicit parameters (non-zero numbers, lists other than <c>preset</c>) override
/// the preset's values. <c>paper</c> is the reference's configuration (specs/gasten.md §2: step 1 10 epochs, step 2 40,
/// step-1 epochs [0, 2, 5, 10], weights [0, mgda, 5, …, 30], filter dims 64), for a GPU; <c>cpu</c> keeps the protocol's
/// shape at a size that finishes in minutes on two cores (step 1 5 epochs, step 2 5, step-1 epochs [0, 5], weights
/// [0, mgda, 25], filter dims 32).
/// </summary>
public sealed record GastenPlan(int Step1Epochs, int Step2Epochs, IReadOnlyList<int> Step1EpochList, IReadOnlyList<string> Weights, int FilterDim)
{
    public const string Paper = "paper";
    public const string Cpu = "cpu";

    /// <summary>A list parameter's default: take the preset's list (an empty list is an error, as the reference's).</summary>
    public const string PresetValue = "preset";
    public static readonly IReadOnlyList<string> Presets = [Cpu, Paper];

    public static GastenPlan Preset(string preset) => preset == Paper
        ? new GastenPlan(10, 40, [0, 2, 5, 10], ["0", GastenLists.Mgda, "5", "10", "15", "20", "25", "30"], 64)
        : new GastenPlan(5, 5, [0, 5], ["0", GastenLists.Mgda, "25"], 32);

    /// <summary>Throws <see cref="GastenParameterException"/> naming the parameter when a list is bad.</summary>
    public static GastenPlan From(ParameterValues p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var preset = Preset(p.GetString(GastenKind.PresetParameter));
        int step1 = p.GetInt32(GastenKind.Step1EpochsParameter) is > 0 and var s1 ? s1 : preset.Step1Epochs;
        int step2 = p.GetInt32(GastenKind.Step2EpochsParameter) is > 0 and var s2 ? s2 : preset.Step2Epochs;
        int filter = p.GetInt32(GastenKind.FilterDimParameter) is > 0 and var f ? f : preset.FilterDim;
        var list = Parse(p, GastenKind.Step1EpochListParameter, preset.Step1EpochList, text => GastenLists.Integers(text, 0, 100_000));
        var weights = Parse(p, GastenKind.WeightsParameter, preset.Weights, GastenLists.Weights);
        if (list.Max() > step1)
        {
            throw new GastenParameterException(GastenKind.Step1EpochListParameter, $"step-1 epoch {list.Max()} is beyond the {step1} epochs step 1 trains.");
        }

        return new GastenPlan(step1, step2, [.. list.Order()], weights, filter);
    }

    private static IReadOnlyList<T> Parse<T>(ParameterValues p, string parameter, IReadOnlyList<T> preset, Func<string, IReadOnlyList<T>> parse)
    {
        string text = p.GetString(parameter);
        if (string.Equals(text.Trim(), PresetValue, StringComparison.OrdinalIgnoreCase))
        {
            return preset;
        }

        try
        {
            return parse(text);
        }
        catch (ArgumentException ex)
        {
            throw new GastenParameterException(parameter, ex.Message, ex);
        }
    }
}

/// <summary>A bad GASTeN parameter (its name and what is wrong), turned into a 400 naming <c>parameters.&lt;name&gt;</c>.</summary>
public sealed class GastenParameterException : Exception
{
    public GastenParameterException(string parameter, string message, Exception? inner = null)
        : base(message, inner) => Parameter = parameter;

    public GastenParameterException()
    {
        Parameter = string.Empty;
    }

    public GastenParameterException(string message)
        : base(message)
    {
        Parameter = string.Empty;
    }

    public GastenParameterException(string message, Exception innerException)
        : base(message, innerException)
    {
        Parameter = string.Empty;
    }

    public string Parameter { get; }
}
