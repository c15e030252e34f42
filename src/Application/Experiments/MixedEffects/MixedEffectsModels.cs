using DigitForge.Application.Training;
using DigitForge.Application.Training.Layers;

namespace DigitForge.Application.Experiments.MixedEffects;

/// <summary>
/// The models ARMED compares (specs/morpho-mixed-effects.md §2.2, §2.3) as named presets of the engine's
/// <c>mixed_effects</c> task: each preset is the task's <c>model</c> recipe key plus one chain per role.
/// Every hidden layer is Dense(4) + ReLU, as the reference's models.py, initialised as Keras does (glorot_uniform
/// kernels, zero biases).
/// </summary>
public static class MixedEffectsModels
{
    public const string Conventional = "conventional";
    public const string ClusterInput = "cluster_input";
    public const string Mldg = "mldg";
    public const string DomainAdversarial = "domain_adversarial";
    public const string MeMlp = "me_mlp";
    public const string Armed = "armed";

    /// <summary>MLDG differentiated through the inner step (the paper's second-order form; <see cref="Mldg"/> is first-order).</summary>
    public const string Mldg2 = "mldg2";

    // A small CNN backbone for image clusters (Morpho-MNIST): random effects and the cluster input act on its
    // penultimate features (recipe effects_on: latent), as ARMED does for its image models.
    public const string CnnConventional = "cnn_conventional";
    public const string CnnClusterInput = "cnn_cluster_input";
    public const string CnnMe = "cnn_me";
    public const string CnnArmed = "cnn_armed";

    /// <summary>Every preset, in the order the results table lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = [Conventional, ClusterInput, Mldg, Mldg2, DomainAdversarial, MeMlp, Armed, CnnConventional, CnnClusterInput, CnnMe, CnnArmed];

    /// <summary>The t-tests' baseline for <paramref name="model"/>: the conventional model of the same backbone.</summary>
    public static string Baseline(string model) => IsCnn(model) ? CnnConventional : Conventional;

    public static bool IsCnn(string model) => model is CnnConventional or CnnClusterInput or CnnMe or CnnArmed;

    /// <summary>The engine task's <c>model</c> preset for <paramref name="model"/>.</summary>
    public static string EngineModel(string model) => model switch
    {
        Mldg2 => Mldg,
        CnnConventional => Conventional,
        CnnClusterInput => ClusterInput,
        CnnMe => MeMlp,
        CnnArmed => Armed,
        _ => model,
    };

    /// <summary>Recipe keys beyond the preset: MLDG's order, where the CNN presets' effects act.</summary>
    public static IReadOnlyList<(string Key, object Value)> RecipeExtras(string model) => model switch
    {
        Mldg2 => [("mldg_order", 2)],
        _ when IsCnn(model) => [("effects_on", "latent")],
        _ => [],
    };

    /// <summary>Human names, as the reference's results.csv and notebooks call them.</summary>
    public static string Title(string model) => model switch
    {
        Conventional => "Conventional",
        ClusterInput => "Cluster input",
        Mldg => "MLDG",
        Mldg2 => "MLDG (2nd order)",
        CnnConventional => "CNN conventional",
        CnnClusterInput => "CNN cluster input",
        CnnMe => "CNN ME",
        CnnArmed => "CNN ARMED",
        DomainAdversarial => "Domain-adversarial",
        MeMlp => "ME-MLP",
        Armed => "ARMED",
        _ => model,
    };

    private const int Hidden = 4;

    /// <summary>The reference's Keras defaults: glorot_uniform kernels, zero biases (the engine's "keras" preset).</summary>
    public const string KerasInit = "keras";

    /// <summary>The roles and their descriptions for <paramref name="model"/> on <paramref name="features"/> inputs, <paramref name="clusters"/> seen clusters.</summary>
    public static IReadOnlyList<(string Role, ModelDescription Description)> Roles(string model, int features, int clusters, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(clusters, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        return model switch
        {
            Conventional or Mldg or Mldg2 => [("fixed", Mlp(features, 3)), ("head", Dense(Hidden, classes))],
            CnnConventional => [("fixed", Cnn(features)), ("head", Dense(CnnLatent, classes))],
            CnnClusterInput => [("fixed", Cnn(features)), ("head", Dense(CnnLatent + clusters, classes))],
            CnnMe => [
                ("fixed", Cnn(features)),
                ("random", Slopes(clusters, CnnLatent, priorSd: 0.5, klWeight: 1.0 / 8000)),
                ("mixed", new ModelDescription([CnnLatent], [new LinearLayer(CnnLatent, CnnMixed), new ReluLayer()], KerasInit)),
                ("head", CnnHead(classes)),
            ],
            CnnArmed => [
                ("fixed", Cnn(features)),
                ("random", Slopes(clusters, CnnLatent, priorSd: 0.3, klWeight: 1e-5)),
                ("mixed", new ModelDescription([CnnLatent], [new LinearLayer(CnnLatent, CnnMixed), new ReluLayer()], KerasInit)),
                ("head", CnnHead(classes)),
                ("intercept", new ModelDescription([clusters], [new RandomEffectsLayer(clusters, classes, PriorSd: 0.1, PosteriorSdInit: [0.1, 0.2], KlWeight: 1e-5, L1Weight: 0)])),
                ("fixed_head", Dense(CnnLatent, classes)),
                ("adversary", new ModelDescription([CnnLatent], [new LinearLayer(CnnLatent, 16), new ReluLayer(), new LinearLayer(16, clusters)], KerasInit)),
            ],
            ClusterInput => [("fixed", Mlp(features + clusters, 3)), ("head", Dense(Hidden, classes))],
            DomainAdversarial => [("fixed", Mlp(features, 3)), ("head", Dense(Hidden, classes)), ("adversary", Adversary(clusters))],
            // §2.2: RE slopes on Z (prior N(0, 0.5²), KL 1/8000, L1 1e-3), Dense(4), Dense(4) on RE * X; concat -> Dense(4) -> softmax.
            MeMlp => [
                ("fixed", Mlp(features, 3)),
                ("random", Slopes(clusters, features, priorSd: 0.5, klWeight: 1.0 / 8000)),
                ("mixed", Mlp(features, 2)),
                ("head", new ModelDescription([2 * Hidden], [new LinearLayer(2 * Hidden, Hidden), new ReluLayer(), new LinearLayer(Hidden, classes)], KerasInit)),
            ],
            // §2.3: slope prior s.d. 0.3, intercept prior s.d. 0.1, KL 1e-5, adversary [4, 4], an FE-only head.
            Armed => [
                ("fixed", Mlp(features, 3)),
                ("random", Slopes(clusters, features, priorSd: 0.3, klWeight: 1e-5)),
                ("mixed", Mlp(features, 2)),
                ("head", new ModelDescription([2 * Hidden], [new LinearLayer(2 * Hidden, Hidden), new ReluLayer(), new LinearLayer(Hidden, classes)], KerasInit)),
                ("intercept", new ModelDescription([clusters], [new RandomEffectsLayer(clusters, classes, PriorSd: 0.1, PosteriorSdInit: [0.1, 0.2], KlWeight: 1e-5, L1Weight: 0)])),
                ("fixed_head", Dense(Hidden, classes)),
                ("adversary", Adversary(clusters)),
            ],
            _ => throw new ArgumentException($"Unknown mixed-effects model '{model}'. Known: {string.Join(", ", Names)}.", nameof(model)),
        };
    }

    private const int CnnLatent = 32;
    private const int CnnMixed = 16;

    /// <summary>
    /// The small CNN backbone for square grey images given as flat rows: Conv 3x3 (8) - ReLU - MaxPool 2 - Conv 3x3 (16) -
    /// ReLU - MaxPool 2 - Dense(32) - ReLU; its 32 outputs are the penultimate features.
    /// </summary>
    private static ModelDescription Cnn(int features)
    {
        int side = (int)Math.Round(Math.Sqrt(features));
        if (side * side != features || side < 4)
        {
            throw new ArgumentException($"The CNN presets need square grey images; rows have {features} features.", nameof(features));
        }

        int pooled = side / 4;
        return new ModelDescription([features],
        [
            new ReshapeLayer([1, side, side]),
            new Conv2dLayer(1, 8, 3, Padding: 1), new ReluLayer(), new MaxPool2dLayer(2, 2),
            new Conv2dLayer(8, 16, 3, Padding: 1), new ReluLayer(), new MaxPool2dLayer(2, 2),
            new FlattenLayer(), new LinearLayer(16 * pooled * pooled, CnnLatent), new ReluLayer(),
        ], KerasInit);
    }

    private static ModelDescription CnnHead(int classes) =>
        new([CnnLatent + CnnMixed], [new LinearLayer(CnnLatent + CnnMixed, 16), new ReluLayer(), new LinearLayer(16, classes)], KerasInit);

    /// <summary><paramref name="layers"/> x (Dense(4), ReLU).</summary>
    private static ModelDescription Mlp(int inputs, int layers)
    {
        var list = new List<LayerDescription>();
        for (int i = 0; i < layers; i++)
        {
            list.Add(new LinearLayer(i == 0 ? inputs : Hidden, Hidden));
            list.Add(new ReluLayer());
        }

        return new ModelDescription([inputs], list, KerasInit);
    }

    private static ModelDescription Dense(int inputs, int outputs) => new([inputs], [new LinearLayer(inputs, outputs)], KerasInit);

    private static ModelDescription Slopes(int clusters, int features, double priorSd, double klWeight) =>
        new([clusters], [new RandomEffectsLayer(clusters, features, PriorSd: priorSd, PosteriorSdInit: [0.1, 0.2], KlWeight: klWeight, L1Weight: 0.001)]);

    /// <summary>The cluster classifier on the fixed-effects latent: hidden [4, 4], one logit per seen cluster.</summary>
    private static ModelDescription Adversary(int clusters) =>
        new([Hidden], [new LinearLayer(Hidden, Hidden), new ReluLayer(), new LinearLayer(Hidden, Hidden), new ReluLayer(), new LinearLayer(Hidden, clusters)], KerasInit);
}
