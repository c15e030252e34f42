using System.Diagnostics;
using System.Diagnostics.Metrics;
using DigitForge.Domain.Errors;
using Mediator;

namespace DigitForge.Application.Common.Pipeline;

/// <summary>
/// Records each use case's duration in the <c>digitforge.use_case.duration</c> histogram (seconds), tagged with the
/// request type and the outcome (ok, the error category, or error), on the <see cref="UseCaseMetrics.MeterName"/> meter.
/// </summary>
public sealed class TimingBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        long start = Stopwatch.GetTimestamp();
        string outcome = "error";
        try
        {
            var response = await next(message, cancellationToken);
            outcome = "ok";
            return response;
        }
        catch (DigitForgeException ex)
        {
            outcome = UseCaseMetrics.Outcome(ex.Category);
            throw;
        }
        finally
        {
            if (UseCaseMetrics.Duration.Enabled)
            {
                UseCaseMetrics.Duration.Record(
                    Stopwatch.GetElapsedTime(start).TotalSeconds,
                    new KeyValuePair<string, object?>("request", typeof(TMessage).Name),
                    new KeyValuePair<string, object?>("outcome", outcome));
            }
        }
    }
}

/// <summary>The use-case meter (export it with OpenTelemetry's <c>AddMeter(UseCaseMetrics.MeterName)</c>).</summary>
public static class UseCaseMetrics
{
    public const string MeterName = "DigitForge.Application";

    private static readonly Meter Meter = new(MeterName);

    public static Histogram<double> Duration { get; } =
        Meter.CreateHistogram<double>("digitforge.use_case.duration", unit: "s", description: "Time spent in a use case, validation included.");

    internal static string Outcome(ErrorCategory category) => category switch
    {
        ErrorCategory.InvalidInput => "invalid_input",
        ErrorCategory.NotFound => "not_found",
        ErrorCategory.Conflict => "conflict",
        ErrorCategory.TooLarge => "too_large",
        ErrorCategory.LimitReached => "limit_reached",
        ErrorCategory.Unavailable => "unavailable",
        _ => "failed",
    };
}
