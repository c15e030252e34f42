using DigitForge.Application.Experiments.Ambiguity;
using DigitForge.Application.Experiments.Compositional;
using DigitForge.Application.Experiments.Gasten;
using DigitForge.Application.Experiments.MixedEffects;

namespace DigitForge.Web.Components.Tracking.Experiments;

/// <summary>One view: the component the run page shows for runs of <paramref name="Kind"/> in <paramref name="Role"/>.</summary>
public sealed record ExperimentViewEntry(string Kind, string Role, Type Component);

/// <summary>
/// The registry of experiment views: which component the run page shows for a run, chosen by the kind that made it
/// and the run's role (the job's own run, or a child run's <c>job_type</c> param). A new view is one line here.
/// </summary>
public static class ExperimentViews
{
    /// <summary>The job's own run (the parent of an experiment's child runs).</summary>
    public const string JobRole = "job";

    /// <summary>A child run without a <c>job_type</c> param.</summary>
    public const string ChildRole = "child";

    public static IReadOnlyList<ExperimentViewEntry> All { get; } =
    [
        new(GastenKind.KindName, JobRole, typeof(GastenParentView)),
        new(GastenKind.KindName, "step-1", typeof(GastenStepView)),
        new(GastenKind.KindName, "step-2", typeof(GastenStepView)),
        new(GastenAmbiguityKind.KindName, JobRole, typeof(AmbiguityView)),
        new(MixedEffectsLocoKind.KindName, JobRole, typeof(LocoView)),
        new(MixedEffectsGridKind.KindName, JobRole, typeof(GridView)),
        new(CompositionalRobustnessKind.KindName, JobRole, typeof(CompositionalView)),
    ];

    /// <summary>The view for a run of <paramref name="kind"/> in <paramref name="role"/>, or null (the page stays generic).</summary>
    public static Type? Find(string? kind, string role) =>
        kind is null ? null : All.FirstOrDefault(e => e.Kind == kind && e.Role == role)?.Component;

    /// <summary>A child run's role: its <c>job_type</c> param when it has one.</summary>
    public static string RoleOf(IReadOnlyDictionary<string, string> runParams, bool isJobRun) =>
        isJobRun ? JobRole : runParams.TryGetValue("job_type", out string? type) && !string.IsNullOrWhiteSpace(type) ? type : ChildRole;
}
