using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DigitForge.Application.Common.Pipeline;

/// <summary>Registration of the mediator, its behaviours and the request validators.</summary>
public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// The mediator (scoped: a handler shares its request's DbContext) with the behaviours in the order they wrap a
    /// handler: logging outermost, then timing, then validation right before the handler.
    /// </summary>
    public static IServiceCollection AddUseCasePipeline(this IServiceCollection services)
    {
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.GenerateTypesAsInternal = true;
            options.PipelineBehaviors =
            [
                typeof(LoggingBehavior<,>),
                typeof(TimingBehavior<,>),
                typeof(ValidationBehavior<,>),
            ];
        });
        return services;
    }

    /// <summary>Registers the validator of <typeparamref name="TRequest"/>; a second validator for the same request throws.</summary>
    public static IServiceCollection AddRequestValidator<TRequest, TValidator>(this IServiceCollection services)
        where TRequest : IMessage
        where TValidator : class, IRequestValidator<TRequest>
    {
        if (services.Any(d => d.ServiceType == typeof(IRequestValidator<TRequest>)))
        {
            throw new InvalidOperationException($"{typeof(TRequest).Name} already has a validator: one validator per request.");
        }

        services.TryAddSingleton<TValidator>();
        services.AddSingleton<IRequestValidator<TRequest>>(sp => sp.GetRequiredService<TValidator>());
        return services;
    }
}
