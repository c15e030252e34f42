using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Application.Common.Pipeline;

/// <summary>
/// Runs the request's validator (if it has one) and throws <see cref="RequestValidationException"/> with every error
/// before the handler sees the request: the single place a request is validated.
/// </summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IServiceProvider services) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private readonly IRequestValidator<TMessage>? _validator = services.GetService<IRequestValidator<TMessage>>();

    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (_validator is not null)
        {
            var errors = new List<ValidationError>();
            _validator.Validate(message, errors);
            if (errors.Count > 0)
            {
                throw new RequestValidationException(errors);
            }
        }

        return next(message, cancellationToken);
    }
}
