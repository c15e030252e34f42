using System.CommandLine;
using DigitForge.Application.Common;
using DigitForge.Application.Experiments.Ambiguity.ExportPrototypes;
using Mediator;

namespace DigitForge.Cli.Commands;

/// <summary>
/// <c>digitforge experiment prototypes RUN --out DIR</c>: a finished gasten-ambiguity run's prototypes as PNGs
/// (<c>cluster-NN.png</c>) with their saliency and integrated-gradient maps (<c>cluster-NN-saliency.png</c>,
/// <c>cluster-NN-integrated-gradients.png</c>), written into DIR (created when missing; files of the same name replaced).
/// </summary>
internal static class PrototypesCommand
{
    public static Command Create()
    {
        var runId = new Argument<string>("run") { Description = "A finished gasten-ambiguity run's id." };
        var output = new Option<string>("--out", "-o") { Description = "Folder to write the PNGs into.", Required = true };
        var command = new Command("prototypes", "Export a gasten-ambiguity run's prototypes and their saliency maps as PNG files.") { runId, output };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            string folder = parse.GetValue(output)!;
            if (string.IsNullOrWhiteSpace(folder))
            {
                throw new RequestValidationException("out", "Give the folder to write the PNGs into.");
            }

            await using var session = await TrackingSession.OpenAsync(parse.GetValue(CliOptions.DataDir), cancellationToken);
            var export = await session.Get<ISender>().Send(new ExportPrototypesRequest(parse.GetValue(runId)!), cancellationToken);
            Directory.CreateDirectory(folder);
            foreach (var file in export.Files)
            {
                await File.WriteAllBytesAsync(Path.Combine(folder, file.Name), file.Content, cancellationToken);
            }

            Console.WriteLine($"wrote {export.Files.Count} files for {export.Prototypes} prototypes of run {export.RunId} to {Path.GetFullPath(folder)}" +
                (export.Explained ? string.Empty : " (the run has no saliency maps: its engine lacked the ambiguity-attribution task)"));
            return ExitCodes.Success;
        }));
        return command;
    }
}
