using DigitForge.Application.Common;
using DigitForge.Domain.Tracking;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DigitForge.Application.Tracking.Experiments.CreateExperiment;

/// <summary>Creates an experiment; a taken name is a conflict (409), as MLflow's RESOURCE_ALREADY_EXISTS.</summary>
public sealed class CreateExperimentHandler(ITrackingDbContext db, TimeProvider clock) : IRequestHandler<CreateExperimentRequest, ExperimentDto>
{
    public async ValueTask<ExperimentDto> Handle(CreateExperimentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await HandleAsync(request, cancellationToken);
    }

    public async Task<ExperimentDto> HandleAsync(CreateExperimentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            errors.Add(new ValidationError("name", "An experiment needs a name."));
        }

        TrackingInput.CheckLength("name", request.Name?.Trim(), TrackingLimits.MaxNameLength, errors);
        TrackingInput.CheckLength("description", request.Description, TrackingLimits.MaxDescriptionLength, errors);
        TrackingInput.CheckTags("tags", request.Tags, 100, errors);
        TrackingInput.ThrowIfAny(errors);

        string name = request.Name!.Trim();
        if (await db.Experiments.AnyAsync(e => e.Name == name, cancellationToken))
        {
            throw new TrackingConflictException($"An experiment named '{name}' already exists.");
        }

        var experiment = new Experiment(name, request.Description, clock.GetUtcNow());
        db.Experiments.Add(experiment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DuplicateKeyException ex)
        {
            // A concurrent create took the name between the check above and the insert.
            throw new TrackingConflictException($"An experiment named '{name}' already exists.", ex);
        }

        var tags = (request.Tags ?? new Dictionary<string, string?>())
            .Where(t => t.Value is not null)
            .ToDictionary(t => t.Key, t => t.Value!, StringComparer.Ordinal);
        if (tags.Count > 0)
        {
            db.ExperimentTags.AddRange(tags.Select(t => new ExperimentTag(experiment.Id, t.Key, t.Value)));
            await db.SaveChangesAsync(cancellationToken);
        }

        return new ExperimentDto(experiment.Id, experiment.Name, experiment.Description, experiment.CreatedAt, tags, 0);
    }
}
