using DigitForge.Domain.Mnist1D;

namespace DigitForge.UnitTests.Mnist1D;

/// <summary>
/// The byte estimate that budgets are checked against covers what a generation really allocates. The allocation
/// counter is process-wide, so these run alone (<see cref="AllocationMeasurements"/>).
/// </summary>
[Collection(AllocationMeasurements.Name)]
public sealed class Mnist1DFootprintTests
{
    [Theory]
    [InlineData(20_000, 100, 12, 36, 60)]
    [InlineData(2_000, 40, 200, 0, 400)]
    public void Reference_mode_allocates_no_more_than_its_estimate(int samples, int length, int templateLength, int paddingMin, int paddingMax)
    {
        var arguments = new Mnist1DArguments
        {
            NumSamples = samples,
            FinalSequenceLength = length,
            TemplateLength = templateLength,
            Padding = new Mnist1DPadding(paddingMin, paddingMax),
        };
        long estimate = Mnist1DFootprint.WorkingBytes(arguments, Mnist1DMode.Reference, Environment.ProcessorCount);

        long before = GC.GetTotalAllocatedBytes(precise: true);
        var dataset = Mnist1DReferenceGenerator.Generate(arguments);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.NotNull(dataset);
        Assert.True(allocated <= estimate, $"allocated {allocated:N0} bytes, estimated {estimate:N0}");
        Assert.True(estimate <= 4 * allocated, $"estimate {estimate:N0} is far above the {allocated:N0} bytes allocated");
    }

    [Fact]
    public void A_huge_padding_range_is_estimated_without_overflow()
    {
        var arguments = new Mnist1DArguments { TemplateLength = 200_000_000, Padding = new Mnist1DPadding(0, 200_000_000) };

        long bytes = Mnist1DFootprint.PlanBytes(arguments, 16);

        Assert.True(bytes > 1L << 50, $"{bytes:N0}");
    }
}

/// <summary>Tests that read the process-wide allocation counter: run after the others, not beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasurements
{
    public const string Name = "Allocation measurements";
}
