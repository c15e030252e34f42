using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DigitForge.Application.Common;
using DigitForge.Application.Common.Parameters;
using DigitForge.Application.Experiments.GetKind;
using DigitForge.Application.Experiments.GetSummary;
using DigitForge.Application.Experiments.ListKinds;
using DigitForge.Application.Jobs;
using DigitForge.Application.Jobs.CancelJob;
using DigitForge.Application.Jobs.GetJob;
using DigitForge.Application.Jobs.RunJobHere;
using DigitForge.Application.Jobs.SubmitJob;
using DigitForge.Application.Tracking;
using DigitForge.Domain.Jobs;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Cli.Commands;

/// <summary>
/// <c>digitforge experiment kinds|run|status|cancel</c>: launch kinds (recipes) as tracked jobs in the tracking database;
/// the command keeps its name for existing scripts, and <c>--experiment</c> names the tracking experiment the run goes in.
/// <c>run --wait</c> runs the job in this process (or follows it when a server or worker took it first) and ends with
/// the results; without <c>--wait</c> the job waits for a server or <c>digitforge worker</c>.
/// </summary>
internal static class ExperimentCommand
{

    public static Command Create() => new("experiment", "Run kinds (launchable recipes) as tracked jobs, whose runs go in a tracking experiment: list kinds, run (queue), status, cancel.")
    {
        Kinds(),
        Run(),
        Status(),
        Cancel(),
        PrototypesCommand.Create(),
    };

    private static Command Kinds()
    {
        var command = new Command("kinds", "List the kinds (launchable recipes) and their parameters.");
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            await using var services = CliHost.Build(parse.GetValue(CliOptions.DataDir));
            foreach (var kind in await services.GetRequiredService<ISender>().Send(new ListJobKindsRequest(), cancellationToken))
            {
                Console.WriteLine($"{kind.Name}: {kind.Description}");
                foreach (var p in kind.Parameters)
                {
                    string bounds = p.Choices is not null ? $" ({string.Join("|", p.Choices)})" : p.Minimum is not null ? string.Create(CultureInfo.InvariantCulture, $" [{p.Minimum}, {p.Maximum}]") : string.Empty;
                    Console.WriteLine($"  {p.Name,-12} {p.Type}{bounds}, default {JsonSerializer.Serialize(p.Default)}: {p.Description}");
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Run()
    {
        var kind = new Argument<string>("kind") { Description = "The kind to run (see `experiment kinds`)." };
        var parameters = new Option<string[]>("--param", "-p") { Description = "A parameter as name=value (value as JSON, or text), repeatable.", AllowMultipleArgumentsPerToken = false };
        var experiment = new Option<string?>("--experiment", "-x") { Description = "Tracking experiment the run goes in (default: the kind's name)." };
        var wait = new Option<bool>("--wait", "-w") { Description = "Run it now (or follow it) and print the results when it ends." };
        var command = new Command(
            "run",
            "Queue a run of a kind; with --wait run it here, follow its progress and print the results. Any of the kind's parameters " +
            "may also be given as --<name> value (e.g. --steps 500, --epochs 2, --shuffled); see `experiment kinds`.")
        {
            kind, parameters, experiment, wait,
        };
        // The kind's own parameters: every kind's schema is open to the command line without the command naming any.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var text = new List<KeyValuePair<string, string>>(KindOptions(parse.UnmatchedTokens));
            foreach (string pair in parse.GetValue(parameters) ?? [])
            {
                int eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw new Application.Common.RequestValidationException("--param", $"Expected name=value, got '{pair}'.");
                }

                text.Add(new(pair[..eq].Trim().Replace('-', '_'), pair[(eq + 1)..]));
            }

            await using var session = await TrackingSession.OpenAsync(parse.GetValue(CliOptions.DataDir), cancellationToken);
            var sender = session.Get<ISender>();
            // The text is read by the kind's own schema (the one binder's reading), so --steps 500 is the number the
            // API would take and a bad value is refused naming parameters.<name>, as the API and the launch form do.
            var schema = ParameterSchema.From((await sender.Send(new GetJobKindRequest(parse.GetValue(kind)!), cancellationToken)).Parameters);
            var job = await sender.Send(
                new SubmitJobRequest(parse.GetValue(kind)!, JsonSerializer.SerializeToElement(ParameterText.ToJson(schema, text)), parse.GetValue(experiment)), cancellationToken);
            Console.WriteLine($"job {job.Id} queued ({job.Kind})");
            if (!parse.GetValue(wait))
            {
                await Console.Error.WriteLineAsync("A server or `digitforge worker` on this database runs it; follow it with `digitforge experiment status " + job.Id + "`.");
                return ExitCodes.Success;
            }

            return await RunOrFollowAsync(session, job.Id, cancellationToken);
        }));
        return command;
    }

    private static Command Status()
    {
        var id = new Argument<string>("id") { Description = "The job's id (= its run's id)." };
        var command = new Command("status", "Show a job's status and, when it has them, its results.") { id };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            await using var session = await TrackingSession.OpenAsync(parse.GetValue(CliOptions.DataDir), cancellationToken);
            var job = await session.Get<ISender>().Send(new GetJobRequest(parse.GetValue(id)!), cancellationToken);
            Console.WriteLine($"job {job.Id} ({job.Kind}): {job.Status}{(job.Error is null ? string.Empty : $": {job.Error}")}");
            await PrintResultsAsync(session, job, cancellationToken);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Cancel()
    {
        var id = new Argument<string>("id") { Description = "The job's id (= its run's id)." };
        var command = new Command("cancel", "Cancel a job: a queued one ends at once, a running one stops within about a second.") { id };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            await using var session = await TrackingSession.OpenAsync(parse.GetValue(CliOptions.DataDir), cancellationToken);
            var job = await session.Get<ISender>().Send(new CancelJobRequest(parse.GetValue(id)!), cancellationToken);
            Console.WriteLine(job.Status == JobRules.Format(JobStatus.Running)
                ? $"job {job.Id}: cancel requested; its worker stops it at its next heartbeat"
                : $"job {job.Id}: {job.Status}");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Runs the job in this process when it is still queued; otherwise follows the process that runs it.</summary>
    private static async Task<int> RunOrFollowAsync(TrackingSession session, string id, CancellationToken cancellationToken)
    {
        var job = await RunHereOrFollowAsync(session, id, cancellationToken);
        Console.WriteLine($"job {job.Id}: {job.Status}{(job.Error is null ? string.Empty : $": {job.Error}")}");
        await PrintResultsAsync(session, job, CancellationToken.None);
        return job.Status == JobRules.Format(JobStatus.Finished) ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>The job run to its end in this process (its log on stderr), or followed when another process took it.</summary>
    internal static async Task<JobDto> RunHereOrFollowAsync(TrackingSession session, string id, CancellationToken cancellationToken)
    {
        // Ctrl+C is a cancel request: the job ends CANCELLED, not FAILED.
        bool ranHere = await session.Get<ISender>().Send(new RunJobHereRequest(id, "cli") { Log = line => Console.Error.WriteLine(line) }, cancellationToken);
        if (!ranHere)
        {
            await FollowAsync(session, id, cancellationToken);
        }

        return await session.Get<ISender>().Send(new GetJobRequest(id), CancellationToken.None);
    }

    /// <summary>Prints the job's log as its worker stores it, until the job ends.</summary>
    private static async Task FollowAsync(TrackingSession session, string id, CancellationToken cancellationToken)
    {
        await Console.Error.WriteLineAsync($"job {id} is run by another process; following its log");
        var store = session.Get<IArtifactStore>();
        int printed = 0;
        while (true)
        {
            using (var scope = session.Services.CreateScope())
            {
                var job = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetJobRequest(id), cancellationToken);
                await using (var log = store.OpenRead(id, JobTags.LogArtifact))
                {
                    if (log is not null)
                    {
                        using var reader = new StreamReader(log, Encoding.UTF8);
                        string[] lines = (await reader.ReadToEndAsync(cancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
                        foreach (string line in lines.Skip(printed))
                        {
                            await Console.Error.WriteLineAsync(line);
                        }

                        printed = Math.Max(printed, lines.Length);
                    }
                }

                if (JobRules.IsTerminal(Enum.Parse<JobStatus>(job.Status, ignoreCase: true)))
                {
                    return;
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    /// <summary>The kind's result summary, whatever the kind: headline figures, tables, then where its images and curves are.</summary>
    private static async Task PrintResultsAsync(TrackingSession session, JobDto job, CancellationToken cancellationToken)
    {
        try
        {
            var summary = await session.Get<ISender>().Send(new GetExperimentSummaryRequest(job.Id), cancellationToken);
            ExperimentSummaryText.Write(Console.Out, job.Id, summary);
        }
        catch (NotFoundException)
        {
            // Optional: a kind that wrote no summary (yet) prints only its status.
        }
    }

    /// <summary>
    /// <c>--name value</c>, <c>--name=value</c> or a bare <c>--flag</c> (true) for parameters the command has no option
    /// for; dashes in names become underscores (<c>--eval-every</c> is <c>eval_every</c>).
    /// </summary>
    internal static IEnumerable<KeyValuePair<string, string>> KindOptions(IReadOnlyList<string> tokens)
    {
        for (int i = 0; i < tokens.Count; i++)
        {
            string token = tokens[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
            {
                throw new Application.Common.RequestValidationException("parameters", $"Unexpected '{token}': give parameters as --<name> value or -p name=value.");
            }

            string name = token[2..];
            int eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                yield return new(name[..eq].Replace('-', '_'), name[(eq + 1)..]);
            }
            else if (i + 1 < tokens.Count && !tokens[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                yield return new(name.Replace('-', '_'), tokens[++i]);
            }
            else
            {
                yield return new(name.Replace('-', '_'), "true");
            }
        }
    }
}
