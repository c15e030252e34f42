using DigitForge.Application.DataSources;
using DigitForge.Cli.Terminal;
using DigitForge.Infrastructure.Data;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Cli;

/// <summary>
/// Like the reference CLI, a command that needs digits downloads them when they are missing (with progress);
/// when that fails the user gets the full "how to get the data" message instead. Part of the CLI's composition
/// (it picks the Infrastructure downloader), so commands stay on Application types.
/// </summary>
internal static class DataBootstrap
{
    /// <summary>Whether <paramref name="source"/> (null: mnist) is a downloadable IDX source whose train split is missing.</summary>
    public static bool CanDownload(IServiceProvider services, string? source)
    {
        var digits = services.GetRequiredService<IdxDigitSource>();
        string name = source ?? KnownSources.Mnist;
        return KnownSources.All.Contains(name) && !KnownSources.IsArchive(name) &&
               !digits.Status().Any(s => s.Source == name && s.Split == DataSplit.Train && s.Available);
    }

    /// <summary>Downloads the source with a progress bar; a failed download says how to get the data instead.</summary>
    public static async Task DownloadAsync(IServiceProvider services, string? source, CancellationToken cancellationToken)
    {
        var digits = services.GetRequiredService<IdxDigitSource>();
        string name = source ?? KnownSources.Mnist;

        await Console.Error.WriteLineAsync($"{name} is not in {digits.DataRoot}: downloading it (verified by size and SHA-256).");
        try
        {
            await services.GetRequiredService<MnistDownloader>().DownloadAsync(name, DownloadProgressBar.ForStandardError(), cancellationToken);
            digits.Invalidate();
        }
        catch (DataDownloadException ex)
        {
            var missing = new[] { IdxFileNames.Images(DataSplit.Train), IdxFileNames.Labels(DataSplit.Train) };
            throw new DataSourceUnavailableException(
                $"Download failed: {ex.Message}{Environment.NewLine}{IdxDigitSource.UnavailableMessage(digits.DataRoot, name, DataSplit.Train, missing)}", ex);
        }
    }
}
