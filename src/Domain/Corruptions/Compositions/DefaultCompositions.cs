using DigitForge.Domain.Randomness;

namespace DigitForge.Domain.Corruptions.Compositions;

/// <summary>
/// The default list of 167 compositions with the reference's structure (see docs/datasets.md, "Corruptions and compositions"): the 7
/// elementals, all 30 ordered pairs of the 6 base corruptions, then for k = 3..6 and every k-combination (in
/// itertools.combinations order) ceil(30 / C(6,k)) distinct orderings: 20 x 2 + 15 x 2 + 6 x 5 + 1 x 30 = 40 + 30 + 30 + 30.
/// </summary>
/// <remarks>
/// The reference sampled its orderings with Python's <c>random.sample</c> under <c>random.seed(2778)</c>; we draw them
/// with our own keyed generator (same seed number, stream per k and combination), so the structure and counts match
/// but the orderings chosen for k >= 3 differ. The list is downloadable (<c>GET /api/compositions/default</c>,
/// <c>digitforge compositions list</c>) and any other list can be passed to the generators to pin it.
/// </remarks>
public static class DefaultCompositions
{
    public const ulong Seed = 2778;
    public const int Count = 167;

    /// <summary>The default list as name lists (the 167), a pure function of <paramref name="seed"/>.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Names(ulong seed = Seed) => Names(seed, CompositionSampler.Keyed);

    /// <summary>
    /// The 167 with orderings drawn by <paramref name="sampler"/>: <see cref="CompositionSampler.Keyed"/> (ours, the
    /// default) or <see cref="CompositionSampler.Python"/> (CPython's <c>random.seed(seed)</c> and <c>random.sample</c>
    /// over <c>itertools.permutations</c>, the reference's procedure; with seed 2778 this is the reference's list as
    /// far as CPython 3 behaves as it did there, which we cannot check against its pickle).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> Names(ulong seed, CompositionSampler sampler)
    {
        var python = sampler == CompositionSampler.Python ? new PythonRandom(seed) : null;
        var basis = CompositionalSet.Base;
        var result = new List<IReadOnlyList<string>>();
        result.AddRange(CompositionalSet.Elementals.Select(e => (IReadOnlyList<string>)[e]));
        result.AddRange(Permutations(basis, 2).Select(p => (IReadOnlyList<string>)p));
        for (int k = 3; k <= basis.Count; k++)
        {
            var combinations = Combinations(basis, k).ToList();
            int perCombination = (30 + combinations.Count - 1) / combinations.Count;
            for (int c = 0; c < combinations.Count; c++)
            {
                var orderings = Permutations(combinations[c], k).ToList();
                if (python is not null)
                {
                    result.AddRange(python.Sample(orderings, perCombination));
                    continue;
                }

                var random = KeyedRandom.For(seed, ((ulong)k << 32) | (uint)c);
                // Partial Fisher-Yates: the first perCombination slots are a uniform sample without replacement, in draw order.
                var indices = Enumerable.Range(0, orderings.Count).ToArray();
                for (int i = 0; i < perCombination; i++)
                {
                    int j = i + random.NextInt(indices.Length - i);
                    (indices[i], indices[j]) = (indices[j], indices[i]);
                    result.Add(orderings[indices[i]]);
                }
            }
        }

        return result;
    }

    /// <summary>The default list bound to <paramref name="corruptions"/>, every step at its default severity.</summary>
    public static IReadOnlyList<Composition> Create(CorruptionRegistry corruptions, ulong seed = Seed, CompositionSampler sampler = CompositionSampler.Keyed)
    {
        ArgumentNullException.ThrowIfNull(corruptions);
        return [.. Names(seed, sampler).Select(names => new Composition([.. names.Select(n => { var c = corruptions.Get(n); return new CompositionStep(c, c.DefaultSeverity); })]))];
    }

    /// <summary>itertools.permutations order: lexicographic in the input positions.</summary>
    internal static IEnumerable<string[]> Permutations(IReadOnlyList<string> items, int k)
    {
        var used = new bool[items.Count];
        var current = new string[k];
        return Recurse(0);

        IEnumerable<string[]> Recurse(int depth)
        {
            if (depth == k)
            {
                yield return (string[])current.Clone();
                yield break;
            }

            for (int i = 0; i < items.Count; i++)
            {
                if (used[i])
                {
                    continue;
                }

                used[i] = true;
                current[depth] = items[i];
                foreach (var p in Recurse(depth + 1))
                {
                    yield return p;
                }

                used[i] = false;
            }
        }
    }

    /// <summary>itertools.combinations order.</summary>
    internal static IEnumerable<string[]> Combinations(IReadOnlyList<string> items, int k)
    {
        var current = new string[k];
        return Recurse(0, 0);

        IEnumerable<string[]> Recurse(int start, int depth)
        {
            if (depth == k)
            {
                yield return (string[])current.Clone();
                yield break;
            }

            for (int i = start; i <= items.Count - (k - depth); i++)
            {
                current[depth] = items[i];
                foreach (var c in Recurse(i + 1, depth + 1))
                {
                    yield return c;
                }
            }
        }
    }
}
