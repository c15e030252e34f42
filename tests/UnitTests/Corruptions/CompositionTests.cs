using DigitForge.Domain.Corruptions;
using DigitForge.Domain.Corruptions.Compositions;
using DigitForge.Domain.Randomness;

namespace DigitForge.UnitTests.Corruptions;

public class CompositionTests
{
    private static readonly CorruptionRegistry Registry = CorruptionRegistry.CreateDefault();
    private static readonly CompositionParser Parser = new(Registry);

    [Fact]
    public void Default_list_has_the_reference_structure()
    {
        var names = DefaultCompositions.Names();

        Assert.Equal(167, names.Count);
        Assert.Equal(CompositionalSet.Elementals, names.Take(7).Select(n => Assert.Single(n)));
        var pairs = names.Skip(7).Take(30).ToList();
        Assert.All(pairs, p => Assert.Equal(2, p.Count));
        Assert.Equal(30, pairs.Select(p => string.Join('-', p)).Distinct().Count());
        Assert.Equal(["contrast", "gaussian_blur"], pairs[0]);
        Assert.Equal(["swirl", "rotate90"], pairs[^1]);
        Assert.Equal([40, 30, 30, 30], names.Skip(37).GroupBy(n => n.Count).Select(g => g.Count()));
        Assert.Equal(167, names.Select(n => string.Join('-', n)).Distinct().Count());
        Assert.All(names.Skip(37), n => Assert.Equal(n.Count, n.Distinct().Count()));
        Assert.DoesNotContain(names.Skip(1), n => n.Contains("identity"));

        // Per k-combination: 2, 2, 5 and 30 distinct orderings of the same set.
        foreach (var (k, per) in new[] { (3, 2), (4, 2), (5, 5), (6, 30) })
        {
            var groups = names.Where(n => n.Count == k).GroupBy(n => string.Join(',', n.Order(StringComparer.Ordinal)));
            Assert.All(groups, g => Assert.Equal(per, g.Count()));
        }
    }

    [Fact]
    public void Default_list_is_a_pure_function_of_the_seed()
    {
        static string Text(ulong seed) => string.Join(',', DefaultCompositions.Names(seed).Select(n => string.Join('-', n)));

        Assert.Equal(Text(DefaultCompositions.Seed), Text(DefaultCompositions.Seed));
        Assert.NotEqual(Text(DefaultCompositions.Seed), Text(1));
    }

    [Fact]
    public void Names_join_our_names_and_map_to_the_reference_class_names()
    {
        var composition = Parser.Parse("Invert-GaussianBlur-swirl:5");

        Assert.Equal("invert-gaussian_blur-swirl:5", composition.Name);
        Assert.Equal("Invert-GaussianBlur-Swirl", composition.ReferenceName);
        Assert.Equal([1, 2, 5], composition.Steps.Select(s => s.Severity));
        Assert.Equal(composition.Name, Parser.Parse(composition.Name).Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("invert--swirl")]
    [InlineData("swirly")]
    [InlineData("swirl:9")]
    [InlineData("swirl:x")]
    public void Bad_compositions_are_refused_with_a_reason(string text) =>
        Assert.Throws<FormatException>(() => Parser.Parse(text));

    [Fact]
    public void A_list_expands_default_and_refuses_duplicates()
    {
        Assert.Equal(167, Parser.ParseList("default").Count);
        Assert.Equal(["invert-swirl", "swirl-invert", "contrast"], Parser.ParseList("invert-swirl, swirl-invert\ncontrast").Select(c => c.Name));
        Assert.Throws<FormatException>(() => Parser.ParseList("invert,invert"));
        Assert.Throws<FormatException>(() => Parser.ParseList(" , "));
    }

    [Theory]
    [InlineData("rotate90-swirl", "swirl-rotate90")]
    [InlineData("invert-impulse_noise", "impulse_noise-invert")]
    [InlineData("contrast-gaussian_blur-invert", "invert-gaussian_blur-contrast")]
    public void Composition_order_matters(string one, string other)
    {
        var a = Bytes(Parser.Parse(one), 3);
        var b = Bytes(Parser.Parse(other), 3);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Compositions_apply_left_to_right_and_keep_floats_between_steps()
    {
        var composition = Parser.Parse("contrast:5-invert");
        var image = CorruptionTestImages.Digit();
        var expected = Registry.Get("invert").Apply(Registry.Get("contrast").Apply(image.Clone(), 5, KeyedRandom.For(0)), 1, KeyedRandom.For(0));

        var result = composition.Apply(image, KeyedRandom.For(0));

        Assert.Equal(expected.Pixels, result.Pixels);
        Assert.Contains(result.Pixels, v => v != MathF.Floor(v));
    }

    [Fact]
    public void Random_compositions_are_deterministic_per_seed()
    {
        var composition = Parser.Parse("swirl-impulse_noise-rotate90");
        Assert.Equal(Bytes(composition, 1), Bytes(composition, 1));
        Assert.NotEqual(Bytes(composition, 1), Bytes(composition, 2));
    }

    private static byte[] Bytes(Composition composition, ulong seed)
    {
        var result = composition.Apply(CorruptionTestImages.Digit(), KeyedRandom.For(seed));
        var bytes = new byte[result.Pixels.Length];
        result.CopyToBytesTruncated(bytes);
        return bytes;
    }
}
