using DigitForge.Application.Common;
using DigitForge.Application.Tracking.Experiments;
using DigitForge.Domain.Tracking;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DigitForge.Application.Tracking.Runs.CreateRun;

/// <summary>Creates a run (QUEUED or RUNNING) with its initial tags.</summary>
public sealed class CreateRunHandler(ITrackingDbContext db, ExperimentNames experiments, RunDetailsLoader loader, TimeProvider clock) : IRequestHandler<CreateRunRequest, RunDto>
{
    public async ValueTask<RunDto> Handle(CreateRunRequest request, CancellationToken cancellationToken) =>
        await HandleAsync(request, cancellationToken);

    public async Task<RunDto> HandleAsync(CreateRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<ValidationError>();
        var status = RunStatus.Running;
        if (request.Status is not null)
        {
            if (!RunStatusRules.TryParse(request.Status, out var parsed) || !RunStatusRules.IsInitial(parsed.Value))
            {
                errors.Add(new ValidationError("status", $"A run starts QUEUED or RUNNING, not '{request.Status}'."));
            }
            else
            {
                status = parsed.Value;
            }
        }

        if (request.ExperimentId is null && string.IsNullOrWhiteSpace(request.ExperimentName))
        {
            errors.Add(new ValidationError("experimentId", "Give experimentId or experimentName."));
        }

        TrackingInput.CheckLength("experimentName", request.ExperimentName?.Trim(), TrackingLimits.MaxNameLength, errors);
        TrackingInput.CheckLength("name", request.Name?.Trim(), TrackingLimits.MaxNameLength, errors);
        TrackingInput.CheckLength("datasetSpecId", request.DatasetSpecId?.Trim(), TrackingLimits.MaxDatasetSpecIdLength, errors);
        TrackingInput.CheckLength("notes", request.Notes, TrackingLimits.MaxNotesLength, errors);
        TrackingInput.CheckTags("tags", request.Tags, 100, errors);
        if (request.ParentRunId is not null && !RunIds.IsWellFormed(request.ParentRunId))
        {
            errors.Add(new ValidationError("parentRunId", "A run id is 32 lower-case hex digits."));
        }

        TrackingInput.ThrowIfAny(errors);

        long experimentId;
        if (request.ExperimentId is { } id)
        {
            if (!await db.Experiments.AnyAsync(e => e.Id == id, cancellationToken))
            {
                throw new NotFoundException($"Experiment {id} does not exist.");
            }

            experimentId = id;
        }
        else
        {
            experimentId = await experiments.GetOrCreateIdAsync(request.ExperimentName!, cancellationToken);
        }

        await experiments.EnsureAcceptsRunsAsync(experimentId, cancellationToken);

        if (request.ParentRunId is { } parent && !await db.Runs.AnyAsync(r => r.Id == parent, cancellationToken))
        {
            throw new NotFoundException($"Parent run {parent} does not exist.");
        }

        var run = Run.Create(RunIds.New(), experimentId, request.Name, status, clock.GetUtcNow(), request.StartTime,
            request.ParentRunId, request.DatasetSpecId, request.Notes);
        db.Runs.Add(run);
        foreach (var (key, value) in request.Tags ?? new Dictionary<string, string?>())
        {
            if (value is not null)
            {
                db.RunTags.Add(new RunTag(run.Id, key, value));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return await loader.LoadAsync(run, cancellationToken);
    }
}
