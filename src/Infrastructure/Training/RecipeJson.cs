using System.Text.Json;
using DigitForge.Application.Training;

namespace DigitForge.Infrastructure.Training;

/// <summary>The engine's recipe JSON (native/src/tasks/classifier.cpp): snake_case keys, exactly one of steps and epochs.</summary>
internal static class RecipeJson
{
    private const ulong MaxExactJsonInteger = 1UL << 53;

    public static string Write(ClassifierRecipe recipe, IReadOnlyList<string>? evalSets = null)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("optimizer", recipe.Optimizer switch
            {
                OptimizerKind.Adam => "adam",
                OptimizerKind.AdamW => "adamw",
                OptimizerKind.Sgd => "sgd",
                _ => throw new ArgumentOutOfRangeException(nameof(recipe), recipe.Optimizer, "Unknown optimizer."),
            });
            json.WriteNumber("learning_rate", recipe.LearningRate);
            json.WriteNumber("weight_decay", recipe.WeightDecay);
            json.WriteNumber("momentum", recipe.Momentum);
            json.WriteNumber("batch_size", recipe.BatchSize);
            if (recipe.Epochs > 0)
            {
                json.WriteNumber("epochs", recipe.Epochs);
            }
            else
            {
                json.WriteNumber("steps", recipe.Steps);
            }

            json.WriteString("batch_order", recipe.BatchOrder == BatchOrder.Shuffled ? "shuffled" : "sequential");
            if (recipe.Seed < MaxExactJsonInteger)
            {
                json.WriteNumber("seed", recipe.Seed);
            }
            else
            {
                json.WriteString("seed", recipe.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            json.WriteNumber("eval_every", recipe.EvalEvery);
            json.WriteNumber("report_every", recipe.ReportEvery);
            json.WriteNumber("eval_batch_size", recipe.EvalBatchSize);
            json.WriteNumber("threads", recipe.Threads);
            json.WriteString("implementation", recipe.Implementation == TrainingImplementation.Torch ? "torch" : "auto");
            if (evalSets is not null)
            {
                json.WriteStartArray("eval_sets");
                foreach (string name in evalSets)
                {
                    json.WriteStringValue(name);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
