using System.Text.Json.Serialization;

namespace DigitForge.Application.Training.Layers;

/// <summary>
/// ARMED's variational random-effects layer (native/src/layers/random_effects.h): a one-hot cluster membership
/// [rows, <paramref name="Clusters"/>] picks per-cluster weights [rows, <paramref name="Features"/>] with a Gaussian
/// posterior; sampled while training, posterior means at inference (an unseen cluster, Z = 0, gets 0). A task that
/// trains it adds <c>kl_weight * KL + l1_weight * sum |mean|</c> to its loss.
/// </summary>
/// <param name="PosteriorSdInit">[low, high]: the posterior s.d. starts uniform in this range.</param>
/// <param name="MeanInitScale">Posterior means start ~ N(0, scale²); 0: all zeros.</param>
public sealed record RandomEffectsLayer(
    int Clusters,
    int Features,
    double PriorSd = 0.5,
    [property: JsonPropertyName("posterior_sd_init"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<double>? PosteriorSdInit = null,
    double MeanInitScale = 0,
    double KlWeight = 1.0 / 8000,
    double L1Weight = 0.001) : LayerDescription;
