using DigitForge.Application.DataSources;
using DigitForge.Cli.Terminal;
using DigitForge.Infrastructure.Data;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Cli.Commands;

/// <summary>
/// Like the reference CLI, a command that needs digits downloads them when they are missing (with progress);
/// when that fails the user gets the full "how to get the data" message instead.
/// </summary>
internal static class DataBootstrap
{
    public static async Task EnsureSourceAsync(IServiceProvider services, string? source, CancellationToken cancellationToken)
    {
        var digits = services.GetRequiredService<IdxDigitSource>();
        string name = source ?? KnownSources.Mnist;
        if (!KnownSources.All.Contains(name) || KnownSources.IsArchive(name) || digits.Status().Any(s => s.Source == name && s.Split == DataSplit.Train && s.Available))
        {
            return;
        }

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
