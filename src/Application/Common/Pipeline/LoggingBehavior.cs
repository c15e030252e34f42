using DigitForge.Domain.Errors;
using Mediator;
using Microsoft.Extensions.Logging;

namespace DigitForge.Application.Common.Pipeline;

/// <summary>
/// Logs each use case's outcome: errors of the error model at Information with their category (they are answers, not
/// faults), anything else at Error; successes only at Debug, so the hot paths pay nothing when Debug is off.
/// </summary>
public sealed partial class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            var response = await next(message, cancellationToken);
            if (logger.IsEnabled(LogLevel.Debug))
            {
                LogHandled(logger, typeof(TMessage).Name);
            }

            return response;
        }
        catch (DigitForgeException ex)
        {
            LogRefused(logger, typeof(TMessage).Name, ex.Category, ex.Message);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, typeof(TMessage).Name, ex);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Request} handled")]
    private static partial void LogHandled(ILogger logger, string request);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Request} refused ({Category}): {Reason}")]
    private static partial void LogRefused(ILogger logger, string request, ErrorCategory category, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Request} failed")]
    private static partial void LogFailed(ILogger logger, string request, Exception exception);
}
