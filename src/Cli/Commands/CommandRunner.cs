using DigitForge.Application.Common;
using DigitForge.Domain.Errors;

namespace DigitForge.Cli.Commands;

/// <summary>
/// Runs a command body and turns the errors use cases report into a message on stderr and the exit code of their
/// category (<see cref="ExitCodes.For"/>), for every command.
/// </summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (RequestValidationException ex)
        {
            foreach (var error in ex.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {error.Field}: {error.Message}");
            }

            return ExitCodes.For(ex);
        }
        catch (DigitForgeException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.For(ex);
        }
        catch (ArgumentException ex)
        {
            // Domain rule checks (e.g. a sequence spec) that a command reaches before any use case.
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException or HttpRequestException)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("cancelled");
            return ExitCodes.Failure;
        }
    }
}
