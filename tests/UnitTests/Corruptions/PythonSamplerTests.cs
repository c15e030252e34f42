using System.Text.Json;
using DigitForge.Domain.Corruptions.Compositions;
using DigitForge.TestSupport;
using Xunit.Abstractions;

namespace DigitForge.UnitTests.Corruptions;

/// <summary>The python sampler of the 167 equals CPython's random.seed + random.sample procedure (spec B.3).</summary>
public class PythonSamplerTests(ITestOutputHelper output)
{
    // The spec's procedure (B.3), with our names in the reference's order (sampling depends only on positions).
    private const string Script = """
        import sys, json, math, random
        from itertools import combinations, permutations
        random.seed(int(sys.argv[1]))
        base = ["contrast", "gaussian_blur", "impulse_noise", "invert", "rotate90", "swirl"]
        names = [["identity"]] + [[b] for b in base] + [list(p) for p in permutations(base, 2)]
        for k in range(3, len(base) + 1):
            combos = list(combinations(base, k))
            count = math.ceil(30 / len(combos))
            for c in combos:
                names += [list(s) for s in random.sample(list(permutations(c)), count)]
        print(json.dumps(names))
        """;

    [SkippableTheory]
    [InlineData(2778UL)]
    [InlineData(1UL)]
    [InlineData(5_000_000_000UL)]
    public void Python_sampler_matches_CPython(ulong seed)
    {
        PythonReference.Require(output);

        var expected = JsonSerializer.Deserialize<string[][]>(PythonReference.Run(Script, seed.ToString(System.Globalization.CultureInfo.InvariantCulture)))!;
        var actual = DefaultCompositions.Names(seed, CompositionSampler.Python);

        Assert.Equal(expected.Select(n => string.Join('-', n)), actual.Select(n => string.Join('-', n)));
    }

    [SkippableFact]
    public void Reference_list_keeps_the_structure_and_differs_from_ours_only_beyond_pairs()
    {
        var ours = DefaultCompositions.Names();
        var reference = DefaultCompositions.Names(DefaultCompositions.Seed, CompositionSampler.Python);

        Assert.Equal(167, reference.Count);
        Assert.Equal(ours.Take(37).Select(n => string.Join('-', n)), reference.Take(37).Select(n => string.Join('-', n)));
        Assert.NotEqual(ours.Select(n => string.Join('-', n)), reference.Select(n => string.Join('-', n)));
    }
}
