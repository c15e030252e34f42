using DigitForge.Application.Common;
using DigitForge.Domain.Corruptions;
using DigitForge.Domain.Corruptions.Compositions;
using Mediator;

namespace DigitForge.Application.Corruptions.GetCompositions;

/// <summary>The default list of 167 compositions (for any sampler seed), or a given list checked and expanded.</summary>
public sealed class GetCompositionsHandler(CorruptionRegistry corruptions)
    : IRequestHandler<GetDefaultCompositionsRequest, CompositionListInfo>, IRequestHandler<ParseCompositionsRequest, CompositionListInfo>
{
    public const string DefaultNote =
        "Structure as the compositional-robustness reference (7 elementals, 30 ordered pairs, 40 + 30 + 30 + 30 sampled orderings of 3 to 6 corruptions); " +
        "the orderings of 3+ corruptions come from DigitForge's own seeded sampler, not Python's random.sample, so they differ from the reference's corruption_names.pkl. " +
        "Pass this list (or your own) as the compositions parameter of compositional-benchmark to pin it; sampler=python gives the reference's procedure with CPython's sampler.";

    private readonly CompositionParser _parser = new(corruptions);

    public const string ReferenceNote =
        "The reference's procedure with CPython's sampler: random.seed(seed), then random.sample over itertools.permutations of each combination, " +
        "reimplemented (Mersenne Twister, _randbelow, sample) and checked against CPython 3.11. With seed 2778 this should be the reference's corruption_names.pkl " +
        "(not checked against the pickle itself, which is not published). Use it as compositions=reference.";

    public CompositionListInfo Default(ulong seed = DefaultCompositions.Seed, CompositionSampler sampler = CompositionSampler.Keyed) =>
        sampler == CompositionSampler.Python
            ? Describe(CompositionParser.ReferenceListName, seed, DefaultCompositions.Create(corruptions, seed, sampler), ReferenceNote)
            : Describe(CompositionParser.DefaultListName, seed, DefaultCompositions.Create(corruptions, seed), DefaultNote);

    public ValueTask<CompositionListInfo> Handle(GetDefaultCompositionsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ValueTask.FromResult(Default(request.Seed, request.Sampler));
    }

    public ValueTask<CompositionListInfo> Handle(ParseCompositionsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ValueTask.FromResult(Parse(request.Text));
    }

    /// <summary>Reads a sampler name: keyed (default) or python; null when unknown.</summary>
    public static CompositionSampler? ParseSampler(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "keyed" => CompositionSampler.Keyed,
        "python" or "reference" => CompositionSampler.Python,
        _ => null,
    };

    /// <summary>Parses a list in the generators' syntax (one composition per line or comma separated; 'default' expands).</summary>
    public CompositionListInfo Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return Describe("custom", null, _parser.ParseList(text), "A list given by the user, checked and expanded.");
        }
        catch (FormatException ex)
        {
            throw new RequestValidationException("compositions", ex.Message);
        }
    }

    private static CompositionListInfo Describe(string name, ulong? seed, IReadOnlyList<Composition> list, string note) =>
        new(
            name,
            seed,
            list.Count,
            string.Concat(list.Select(c => c.Name + "\n")),
            [.. list.Select((c, i) => new CompositionInfo(i, c.Name, c.ReferenceName, [.. c.Steps.Select(s => new CompositionStepInfo(s.Corruption.Name, s.Severity))]))],
            note);
}
