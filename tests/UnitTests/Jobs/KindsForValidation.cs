using DigitForge.Application.Datasets.Specs;
using DigitForge.Application.Experiments;
using DigitForge.Application.Experiments.Kinds;

namespace DigitForge.UnitTests.Jobs;

/// <summary>
/// The default kinds for checking parameters: validation only consults the dataset resolver (and the registry, for the
/// sweep), so the services they train with are left out (null) here; functional tests run them for real.
/// </summary>
internal static class KindsForValidation
{
    public static JobKindRegistry Create(DatasetSpecResolver datasets)
    {
        JobKindRegistry? registry = null;
        var lazy = new Lazy<JobKindRegistry>(() => registry!);
        registry = new JobKindRegistry(
        [
            new Mnist1DBenchmarkKind(datasets, null!, null!, null!),
            new ClassifierKind(datasets, null!, null!, null!, null!),
            new SweepKind(lazy, null!, null!),
            new GanKind(datasets, null!, null!, null!, null!),
        ]);
        return registry;
    }
}
