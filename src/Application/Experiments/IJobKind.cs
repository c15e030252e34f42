using DigitForge.Application.Common;
using DigitForge.Domain.Datasets;

namespace DigitForge.Application.Experiments;

/// <summary>
/// A job kind: what a user launches as a tracked job (issue 15 names it apart from "experiment", which is the tracking
/// group runs belong to, as in MLflow). It has a name, a parameter schema in the generators' style (<see cref="GeneratorParameter"/>:
/// kinds, defaults, bounds, choices), its own cross-field rules, and what running it does, including the result
/// summary it publishes (<see cref="ExperimentContext.PublishSummaryAsync"/>). Registered once in DI
/// (<see cref="JobKindServices.AddJobKind{TKind}"/>) with its services injected, it appears in
/// <c>GET /api/kinds</c>, the UI's Launch form and <c>digitforge experiment</c>; no front end names it.
/// </summary>
public interface IJobKind
{
    /// <summary>Lower-case name in routes and commands, e.g. <c>mnist1d-benchmark</c>.</summary>
    string Name { get; }

    /// <summary>One line for listings.</summary>
    string Description { get; }

    IReadOnlyList<GeneratorParameter> Parameters { get; }

    /// <summary>Text parameters that hold a dataset spec (JSON): the Launch form offers a dataset picker for them.</summary>
    IReadOnlyList<string> DatasetParameters => [];

    /// <summary>Rules beyond each parameter's bounds; errors name <c>parameters.&lt;name&gt;</c>. No engine, no database.</summary>
    IReadOnlyList<ValidationError> Validate(ParameterValues parameters);

    /// <summary>The engine device the job asks for (<see cref="Training.TrainingDevice"/>; Auto resolves when it runs).</summary>
    Training.TrainingDevice Device(ParameterValues parameters);

    /// <summary>Runs the experiment, logging into <see cref="ExperimentContext.RunId"/> and child runs; throws on failure.</summary>
    Task ExecuteAsync(ExperimentContext context, CancellationToken cancellationToken);
}
