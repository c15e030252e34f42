using DigitForge.Application.Common;
using DigitForge.Application.DataSources;

namespace DigitForge.Cli.Commands;

/// <summary>Runs a command body and turns the exceptions use cases throw into a message on stderr and an exit code.</summary>
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

            return ExitCodes.InvalidInput;
        }
        catch (NotFoundException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.NotFound;
        }
        catch (DataSourceUnavailableException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.DataUnavailable;
        }
        catch (Application.Training.TrainingEngineUnavailableException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.EngineUnavailable;
        }
        catch (ArgumentException ex)
        {
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
