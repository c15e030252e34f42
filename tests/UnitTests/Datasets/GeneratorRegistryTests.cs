using DigitForge.Application.Datasets;
using DigitForge.Application.Datasets.ListGenerators;
using DigitForge.Domain.Datasets;
using DigitForge.Domain.Datasets.Generators;
using DigitForge.Domain.Filters;

namespace DigitForge.UnitTests.Datasets;

public class GeneratorRegistryTests
{
    [Fact]
    public void Default_registry_offers_the_day_one_generators()
    {
        var names = DatasetSpecs.Registry.All.Select(g => g.Name);

        Assert.Equal(["sequences", "mnist1d", "mnist", "fashion-mnist", "composition", "compositional-benchmark", "spirals", "emnist-balanced", "cifar10", "mnist-c", "morpho-plain", "morpho-global", "morpho-local", "morpho-clusters", "binary-pair"], names);
    }

    [Fact]
    public void A_second_generator_of_the_same_name_is_refused()
    {
        var registry = GeneratorRegistry.CreateDefault(FilterRegistry.CreateDefault());

        var error = Assert.Throws<ArgumentException>(() => registry.Register(new Mnist1DDatasetGenerator()));

        Assert.Contains("already registered", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mnist", "1.0.0")]
    [InlineData("1mnist", "1.0.0")]
    [InlineData("mnist_x", "1.0.0")]
    [InlineData("custom", "1.0")]
    [InlineData("custom", "v1.0.0")]
    public void Malformed_names_and_versions_are_refused(string name, string version)
    {
        var registry = new GeneratorRegistry();
        var generator = new RenamedGenerator(new Mnist1DDatasetGenerator(), name, version);

        Assert.Throws<ArgumentException>(() => registry.Register(generator));
    }

    [Fact]
    public void A_new_generator_registers_without_touching_anything_else()
    {
        var registry = new GeneratorRegistry();
        registry.Register(new RenamedGenerator(new Mnist1DDatasetGenerator(), "wave", "2.1.0"));

        Assert.True(registry.TryGet("WAVE", out var found));
        Assert.Equal("2.1.0", ListGeneratorsHandler.Describe(found).Version);
    }

    [Fact]
    public void Listing_shows_types_defaults_ranges_and_choices()
    {
        var mnist1d = ListGeneratorsHandler.Describe(new Mnist1DDatasetGenerator());

        var padding = mnist1d.Parameters.Single(p => p.Name == "padding");
        Assert.Equal("integer-range", padding.Type);
        Assert.Equal(new long[] { 36, 60 }, padding.Default);
        Assert.Equal((0.0, 10_000.0), (padding.Minimum, padding.Maximum));
        var mode = mnist1d.Parameters.Single(p => p.Name == "mode");
        Assert.Equal(["reference", "keyed"], mode.Choices);
        Assert.Equal("reference", mode.Default);
        Assert.Equal(new Dictionary<string, int> { ["train"] = 4000, ["test"] = 1000 }, mnist1d.DefaultSplits);
        Assert.Equal((42UL, (ulong)uint.MaxValue), (mnist1d.DefaultSeed, mnist1d.MaxSeed));
    }

    /// <summary>Another generator's behaviour under a different name and version.</summary>
    private sealed class RenamedGenerator(IDatasetGenerator inner, string name, string version) : IDatasetGenerator
    {
        public string Name => name;

        public string Description => inner.Description;

        public string Version => version;

        public IReadOnlyList<GeneratorParameter> Parameters => inner.Parameters;

        public IReadOnlyList<string> SplitNames => inner.SplitNames;

        public IReadOnlyList<DatasetSplit> DefaultSplits => inner.DefaultSplits;

        public ulong DefaultSeed => inner.DefaultSeed;

        public IReadOnlyList<DatasetSpecError> Validate(DatasetDefinition definition) => inner.Validate(definition);

        public DatasetLayout Describe(DatasetDefinition definition) => inner.Describe(definition);

        public IReadOnlyList<SourceImagesKey> RequiredSources(DatasetDefinition definition) => inner.RequiredSources(definition);

        public IDatasetRows Open(DatasetDefinition definition, GeneratorInputs inputs, CancellationToken cancellationToken = default) =>
            inner.Open(definition, inputs, cancellationToken);
    }
}
