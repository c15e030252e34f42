using Microsoft.Extensions.DependencyInjection;

namespace DigitForge.Application.Experiments.Compositional;

public static class CompositionalServices
{
    /// <summary>The compositional-robustness kind and the trainer and evaluator it uses.</summary>
    public static IServiceCollection AddCompositionalRobustness(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<CompositionalTrainer>();
        services.AddSingleton<CompositionalEvaluator>();
        return services.AddJobKind<CompositionalRobustnessKind>();
    }
}
