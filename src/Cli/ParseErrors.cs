using System.CommandLine;
using System.CommandLine.Parsing;

namespace DigitForge.Cli;

/// <summary>
/// Command-line mistakes (an unknown choice, a missing required option, an unparsable number) as every other bad
/// input: one <c>error: --option: message</c> line per mistake naming the option, a pointer to the command's help,
/// and exit code 2 instead of System.CommandLine's help dump and exit 1. A command group named without a subcommand
/// (<c>digitforge</c>, <c>digitforge runs</c>) prints its help instead.
/// </summary>
internal static class ParseErrors
{
    public static int Report(ParseResult parse, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(error);
        var command = parse.CommandResult.Command;
        if (command.Subcommands.Count > 0 && command.Action is null && parse.UnmatchedTokens.Count == 0)
        {
            parse.RootCommandResult.Command.Parse([.. CommandPath(parse.CommandResult).Skip(1), "--help"]).Invoke();
            return ExitCodes.InvalidInput;
        }

        foreach (var problem in parse.Errors)
        {
            // "digitforge runs bogus": the unrecognised token says it all; "required command was not provided" is noise.
            if (parse.UnmatchedTokens.Count > 0 && problem.SymbolResult is CommandResult &&
                !parse.UnmatchedTokens.Any(token => problem.Message.Contains(token, StringComparison.Ordinal)))
            {
                continue;
            }

            string? option = OptionOf(problem.SymbolResult);
            error.WriteLine(option is null ? $"error: {problem.Message}" : $"error: {option}: {problem.Message}");
        }

        error.WriteLine($"Run '{string.Join(' ', CommandPath(parse.CommandResult))} --help' for usage.");
        return ExitCodes.InvalidInput;
    }

    private static string? OptionOf(SymbolResult? result)
    {
        for (var current = result; current is not null; current = current.Parent)
        {
            if (current is OptionResult option)
            {
                return option.Option.Name;
            }
        }

        return null;
    }

    private static Stack<string> CommandPath(CommandResult command)
    {
        var names = new Stack<string>();
        for (SymbolResult? current = command; current is not null; current = current.Parent)
        {
            if (current is CommandResult c)
            {
                names.Push(c.Command is RootCommand ? "digitforge" : c.Command.Name);
            }
        }

        return names;
    }
}
