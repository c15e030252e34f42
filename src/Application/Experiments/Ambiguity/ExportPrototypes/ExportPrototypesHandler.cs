using System.Globalization;
using System.Text.RegularExpressions;
using DigitForge.Application.Common;
using DigitForge.Application.Tracking;
using DigitForge.Application.Tracking.Artifacts.DownloadArtifact;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace DigitForge.Application.Experiments.Ambiguity.ExportPrototypes;

/// <summary>
/// Reads a <c>gasten-ambiguity</c> run's prototype artifacts: each <c>prototypes/cluster-NN.png</c> as it is, and from
/// <c>prototypes/saliency.npy</c> / <c>integrated_gradients.npy</c> one PNG per prototype, drawn as on the run page
/// (|∂C/∂x| black → red → yellow scaled to its maximum; integrated gradients blue − / red +), magnified 3×.
/// 404 when the run does not exist, 400 naming <c>run</c> when it has no prototypes.
/// </summary>
public sealed partial class ExportPrototypesHandler(ITrackingDbContext db, DownloadArtifactHandler artifacts, IExperimentCharts charts)
    : IRequestHandler<ExportPrototypesRequest, PrototypeExport>
{
    private const int Zoom = 3;

    public async ValueTask<PrototypeExport> Handle(ExportPrototypesRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string runId = (request.RunId ?? string.Empty).Trim();
        if (!await db.Runs.AsNoTracking().AnyAsync(r => r.Id == runId, cancellationToken))
        {
            throw new NotFoundException($"Run '{runId}' does not exist.");
        }

        var paths = await db.Artifacts.AsNoTracking().Where(a => a.RunId == runId && a.Path.StartsWith("prototypes/")).Select(a => a.Path).ToListAsync(cancellationToken);
        var pngs = paths.Where(p => ClusterPng().IsMatch(p)).Order(StringComparer.Ordinal).ToList();
        if (pngs.Count == 0)
        {
            throw new RequestValidationException("run", $"Run '{runId}' has no prototypes (prototypes/cluster-NN.png): it is not a finished {GastenAmbiguityKind.KindName} run.");
        }

        var files = new List<ExportedFile>();
        foreach (string path in pngs)
        {
            files.Add(new ExportedFile(Path.GetFileName(path), await ReadAsync(runId, path, cancellationToken)));
        }

        bool explained = paths.Contains("prototypes/saliency.npy");
        if (explained)
        {
            var (shape, saliency) = FloatNpy.Read(new MemoryStream(await ReadAsync(runId, "prototypes/saliency.npy", cancellationToken)));
            float[]? integrated = paths.Contains("prototypes/integrated_gradients.npy")
                ? FloatNpy.Read(new MemoryStream(await ReadAsync(runId, "prototypes/integrated_gradients.npy", cancellationToken))).Data
                : null;
            int count = shape[0];
            int size = shape.Length > 1 ? shape[1] : 28;
            for (int i = 0; i < count; i++)
            {
                string stem = string.Create(CultureInfo.InvariantCulture, $"cluster-{i:00}");
                var heat = AmbiguityPictures.Heatmap(saliency.AsSpan(i * size * size, size * size), size, Zoom);
                files.Add(new ExportedFile(stem + "-saliency.png", charts.Picture(heat.Height, heat.Width, heat.Channels, heat.Pixels)));
                if (integrated is not null)
                {
                    var signed = AmbiguityPictures.SignedMap(integrated.AsSpan(i * size * size, size * size), size, Zoom);
                    files.Add(new ExportedFile(stem + "-integrated-gradients.png", charts.Picture(signed.Height, signed.Width, signed.Channels, signed.Pixels)));
                }
            }
        }

        return new PrototypeExport(runId, pngs.Count, explained, files);
    }

    private async Task<byte[]> ReadAsync(string runId, string path, CancellationToken cancellationToken)
    {
        var (_, content) = await artifacts.HandleAsync(runId, path, cancellationToken);
        await using (content)
        {
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer, cancellationToken);
            return buffer.ToArray();
        }
    }

    [GeneratedRegex(@"^prototypes/cluster-\d+\.png$")]
    private static partial Regex ClusterPng();
}
