using DigitForge.Application.Common;
using DigitForge.Domain.Mnist1D;

namespace DigitForge.Application.Mnist1D;

/// <summary>
/// The byte budgets of one MNIST-1D generation (<see cref="Mnist1DOptions.MaxWorkingBytes"/>,
/// <see cref="Mnist1DOptions.MaxOutputBytes"/>), checked from the arguments before anything is allocated, each
/// excess reported under the argument that causes it.
/// </summary>
public static class Mnist1DBudget
{
    public static IReadOnlyList<ValidationError> Check(Mnist1DArguments arguments, Mnist1DMode mode, Mnist1DOptions options)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<ValidationError>();
        string section = Mnist1DOptions.SectionName;
        long plan = Mnist1DFootprint.PlanBytes(arguments, Environment.ProcessorCount);
        if (plan > options.MaxWorkingBytes)
        {
            // One interpolation plan per padding length, each of template_len + padding max points.
            string field = (long)arguments.Padding.Max - arguments.Padding.Min > arguments.TemplateLength
                ? Mnist1DArgumentNames.Padding
                : Mnist1DArgumentNames.TemplateLength;
            errors.Add(new ValidationError(field,
                $"template_len {arguments.TemplateLength} with padding {arguments.Padding.Min},{arguments.Padding.Max} needs {Bytes(plan)} of working memory; " +
                $"the budget is {Bytes(options.MaxWorkingBytes)} ({section}:{nameof(Mnist1DOptions.MaxWorkingBytes)})."));
            return errors;
        }

        long working = Mnist1DFootprint.WorkingBytes(arguments, mode, Environment.ProcessorCount);
        if (working > options.MaxWorkingBytes)
        {
            string message = $"{arguments.EffectiveSampleCount:N0} samples of {arguments.FinalSequenceLength:N0} points need {Bytes(working)} of working memory in reference mode; " +
                             $"the budget is {Bytes(options.MaxWorkingBytes)} ({section}:{nameof(Mnist1DOptions.MaxWorkingBytes)}). Ask for fewer, or use mode=keyed, which streams.";
            errors.Add(new ValidationError(Mnist1DArgumentNames.NumSamples, message));
            errors.Add(new ValidationError(Mnist1DArgumentNames.FinalSequenceLength, message));
        }

        long output = Mnist1DFootprint.DatasetBytes(arguments);
        if (output > options.MaxOutputBytes)
        {
            string message = $"{arguments.EffectiveSampleCount:N0} samples of {arguments.FinalSequenceLength:N0} points are {Bytes(output)} of values; " +
                             $"one response may carry {Bytes(options.MaxOutputBytes)} ({section}:{nameof(Mnist1DOptions.MaxOutputBytes)}).";
            errors.Add(new ValidationError(Mnist1DArgumentNames.NumSamples, message));
            errors.Add(new ValidationError(Mnist1DArgumentNames.FinalSequenceLength, message));
        }

        return errors;
    }

    /// <summary>A byte count for messages: "1.6 GB".</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => FormattableString.Invariant($"{bytes / (double)(1L << 30):0.#} GiB"),
        >= 1L << 20 => FormattableString.Invariant($"{bytes / (double)(1L << 20):0.#} MiB"),
        _ => FormattableString.Invariant($"{bytes:N0} bytes"),
    };
}
