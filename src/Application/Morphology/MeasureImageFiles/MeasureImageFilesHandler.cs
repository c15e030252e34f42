using DigitForge.Application.Morphology.MeasureMorphometrics;
using DigitForge.Domain.Morphology;
using DigitForge.Domain.Morphology.Perturbations;
using DigitForge.Domain.Randomness;
using Mediator;

namespace DigitForge.Application.Morphology.MeasureImageFiles;

/// <summary>Reads the files' images, perturbs them when asked, and measures them in parallel.</summary>
public sealed class MeasureImageFilesHandler(IDigitImageFiles files) : IRequestHandler<MeasureImageFilesRequest, IReadOnlyList<MeasuredImage>>
{
    /// <summary>Progress is reported every this many images.</summary>
    private const int ReportEvery = 500;

    public async ValueTask<IReadOnlyList<MeasuredImage>> Handle(MeasureImageFilesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var images = new List<ImageToMeasure>();
        foreach (string path in request.Paths)
        {
            images.AddRange(await files.ReadAsync(path, cancellationToken));
        }

        if (request.Count is { } limit && limit < images.Count)
        {
            images.RemoveRange(Math.Max(0, limit), images.Count - Math.Max(0, limit));
        }

        var perturbation = request.Perturbation is { } op ? MorphoPerturbations.Parse(op, null, "perturb") : null;
        var progress = request.Progress?.Invoke(images.Count);
        var results = new MeasuredImage[images.Count];
        int done = 0;
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = request.Threads ?? -1 };
        Parallel.For(0, images.Count, parallel, i =>
        {
            var image = images[i];
            byte[] pixels = perturbation is null
                ? image.Pixels
                : MorphoPerturber.Perturb(image.Pixels, image.Height, image.Width, perturbation, KeyedRandom.For(request.Seed, (ulong)i)).Pixels;
            results[i] = new MeasuredImage(i, image.Name, MorphometricsCalculator.Measure(pixels, image.Height, image.Width));
            int n = Interlocked.Increment(ref done);
            if (n % ReportEvery == 0)
            {
                progress?.Report(n);
            }
        });
        return results;
    }
}
