using System.Text.Json.Nodes;
using DigitForge.Application.Training;
using DigitForge.Domain.Corruptions.Compositions;

namespace DigitForge.Application.Experiments.Compositional;

/// <summary>
/// A trained method: its models by role and the pipeline the engine's <c>pipeline-eval</c> task runs for a
/// composition. Monolithic methods use one model whatever the composition; AutoModules inserts the module of every
/// corruption of the composition into the frozen backbone (earlier level first, the same level in name order);
/// ImgSpace chains the composition's autoencoders in name order before its classifier.
/// </summary>
public sealed class TrainedMethod(string name, string childRunId) : IDisposable
{
    private readonly Dictionary<string, ITrainableModel> _models = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _levels = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public string RunId { get; } = childRunId;

    public IReadOnlyDictionary<string, ITrainableModel> Models => _models;

    /// <summary>AutoModules: the level chosen per corruption.</summary>
    public IReadOnlyDictionary<string, int> Levels => _levels;

    public void Add(string role, ITrainableModel model) => _models.Add(role, model);

    public void SetLevel(string corruption, int level) => _levels[corruption] = level;

    public static string ModuleRole(string corruption) => "module." + corruption;

    public static string AutoencoderRole(string corruption) => "ae." + corruption;

    /// <summary>The stages for a composition of our corruption names (identity contributes nothing).</summary>
    public JsonArray Pipeline(IReadOnlyList<string> composition)
    {
        ArgumentNullException.ThrowIfNull(composition);
        var corruptions = composition.Where(c => c != CompositionalSet.Elementals[0]).Distinct().Order(StringComparer.Ordinal).ToList();
        var stages = new JsonArray();
        switch (Name)
        {
            case CompositionalMethods.AutoModules:
                int from = 0;
                foreach (var group in corruptions.GroupBy(c => _levels[c]).OrderBy(g => g.Key))
                {
                    stages.Add(Stage("backbone", from, group.Key));
                    foreach (string c in group)
                    {
                        stages.Add(Stage(ModuleRole(c)));
                    }

                    from = group.Key;
                }

                stages.Add(Stage("backbone", from));
                break;
            case CompositionalMethods.ImgSpace or CompositionalMethods.ImgSpaceIdentity:
                foreach (string c in corruptions)
                {
                    stages.Add(Stage(AutoencoderRole(c)));
                }

                stages.Add(Stage("classifier"));
                break;
            default:
                stages.Add(Stage("model"));
                break;
        }

        return stages;
    }

    public void Dispose()
    {
        foreach (var model in _models.Values)
        {
            model.Dispose();
        }

        _models.Clear();
    }

    private static JsonObject Stage(string role, int from = 0, int to = -1)
    {
        var stage = new JsonObject { ["role"] = role };
        if (from != 0)
        {
            stage["from"] = from;
        }

        if (to >= 0)
        {
            stage["to"] = to;
        }

        return stage;
    }
}
