using DigitForge.Application.Common;
using DigitForge.Domain.Tracking;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DigitForge.Application.Tracking.Runs.UpdateRun;

/// <summary>Sets status (by the lifecycle rules: a forbidden move is 409), end time, name, notes and tags.</summary>
public sealed class UpdateRunHandler(ITrackingDbContext db, RunDetailsLoader loader, TimeProvider clock) : IRequestHandler<RunUpdateRequest, RunDto>
{
    public async ValueTask<RunDto> Handle(RunUpdateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await HandleAsync(request.RunId, request.Update, cancellationToken);
    }

    public async Task<RunDto> HandleAsync(string runId, UpdateRunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<ValidationError>();
        RunStatus? status = null;
        if (request.Status is not null)
        {
            if (RunStatusRules.TryParse(request.Status, out var parsed))
            {
                status = parsed;
            }
            else
            {
                errors.Add(new ValidationError("status", $"Unknown status '{request.Status}'; use one of {string.Join(", ", RunStatusRules.Names)}."));
            }
        }

        if (request.Name is not null && string.IsNullOrWhiteSpace(request.Name))
        {
            errors.Add(new ValidationError("name", "A run name must not be blank."));
        }

        TrackingInput.CheckLength("name", request.Name?.Trim(), TrackingLimits.MaxNameLength, errors);
        TrackingInput.CheckLength("notes", request.Notes, TrackingLimits.MaxNotesLength, errors);
        TrackingInput.CheckTags("tags", request.Tags, 100, errors);
        TrackingInput.ThrowIfAny(errors);

        try
        {
            return await ApplyAsync(runId, request, status, cancellationToken);
        }
        catch (DuplicateKeyException)
        {
            // A concurrent update added one of the same new tags first: nothing of ours was saved; apply it again over
            // theirs, so the later write wins as it does for a tag that already existed.
            db.ChangeTracker.Clear();
            return await ApplyAsync(runId, request, status, cancellationToken);
        }
    }

    private async Task<RunDto> ApplyAsync(string runId, UpdateRunRequest request, RunStatus? status, CancellationToken cancellationToken)
    {
        var run = await db.Runs.FirstOrDefaultAsync(r => r.Id == runId, cancellationToken)
                  ?? throw new NotFoundException($"Run {runId} does not exist.");
        if (status is { } next)
        {
            if (request.EndTime is { } end && run.StartTime is { } start && end < start)
            {
                throw new RequestValidationException("endTime", $"The end time {end:O} is before the start time {start:O}.");
            }

            run.TransitionTo(next, clock.GetUtcNow(), request.EndTime);
        }

        if (request.Name is not null)
        {
            run.Rename(request.Name);
        }

        if (request.Notes is not null)
        {
            run.SetNotes(request.Notes);
        }

        if (request.Tags is { Count: > 0 } tags)
        {
            var keys = tags.Keys.ToArray();
            var existing = await db.RunTags.Where(t => t.RunId == runId && keys.Contains(t.Key)).ToDictionaryAsync(t => t.Key, StringComparer.Ordinal, cancellationToken);
            foreach (var (key, value) in tags)
            {
                if (existing.TryGetValue(key, out var tag))
                {
                    if (value is null)
                    {
                        db.RunTags.Remove(tag);
                    }
                    else
                    {
                        tag.Value = value;
                    }
                }
                else if (value is not null)
                {
                    db.RunTags.Add(new RunTag(runId, key, value));
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return await loader.LoadAsync(run, cancellationToken);
    }
}
