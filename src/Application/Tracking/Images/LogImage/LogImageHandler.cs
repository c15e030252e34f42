using DigitForge.Application.Common;
using DigitForge.Domain.Tracking;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DigitForge.Application.Tracking.Images.LogImage;

/// <summary>Stores a PNG of a run at a step: checked to be a PNG, within the size limit, run still active.</summary>
public sealed class LogImageHandler(ITrackingDbContext db, IOptions<TrackingOptions> options, TimeProvider clock) : IRequestHandler<RunLogImageRequest, RunImageDto>
{
    public async ValueTask<RunImageDto> Handle(RunLogImageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await HandleAsync(request.RunId, request.Image, cancellationToken);
    }

    public async Task<RunImageDto> HandleAsync(string runId, LogImageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<ValidationError>();
        TrackingInput.CheckKey("key", request.Key, errors);
        TrackingInput.CheckLength("caption", request.Caption, TrackingLimits.MaxCaptionLength, errors);
        if (request.Png.Length > options.Value.MaxImageBytes)
        {
            throw new PayloadTooLargeException($"Images are limited to {options.Value.MaxImageBytes:N0} bytes (got {request.Png.Length:N0}).");
        }

        if (!PngHeader.TryReadSize(request.Png, out int width, out int height))
        {
            errors.Add(new ValidationError("image", "The body is not a PNG (send the file's bytes with Content-Type image/png)."));
        }

        TrackingInput.ThrowIfAny(errors);
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken)
                  ?? throw new NotFoundException($"Run {runId} does not exist.");
        run.EnsureAcceptsData();

        var image = new RunImage(runId, request.Key!, request.Step ?? 0, request.Caption, width, height, request.Png, clock.GetUtcNow());
        db.RunImages.Add(image);
        await db.SaveChangesAsync(cancellationToken);
        return new RunImageDto(image.Id, runId, image.Key, image.Step, image.Caption, width, height, image.CreatedAt);
    }
}
