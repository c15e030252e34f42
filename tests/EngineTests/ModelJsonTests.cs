using DigitForge.Application.Experiments.Gan;
using System.Text.Json;
using DigitForge.Application.Training;

namespace DigitForge.EngineTests;

public sealed class ModelJsonTests
{
    [Fact]
    public void Descriptions_serialise_to_the_engines_snake_case_form_with_the_type_first()
    {
        Assert.Equal(
            """{"input_shape":[40],"layers":[{"type":"linear","in_features":40,"out_features":10,"bias":true}]}""",
            ModelJson.Serialize(Mnist1DModels.Logistic));
        Assert.Contains(
            """{"type":"residual","layers":[{"type":"linear","in_features":100,"out_features":100,"bias":true},{"type":"relu"}]}""",
            ModelJson.Serialize(Mnist1DModels.Mlp), StringComparison.Ordinal);
        Assert.Contains(
            """{"type":"gru","input_size":1,"hidden_size":6,"num_layers":1,"bidirectional":true,"dropout":0,"bias":true}""",
            ModelJson.Serialize(Mnist1DModels.Gru), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("logistic")]
    [InlineData("mlp")]
    [InlineData("cnn")]
    [InlineData("gru")]
    public void Presets_round_trip_through_json(string name)
    {
        string json = ModelJson.Serialize(Mnist1DModels.ByName[name]);
        Assert.Equal(json, ModelJson.Serialize(ModelJson.Deserialize(json)));
    }

    [Fact]
    public void The_new_layers_and_the_init_preset_round_trip_and_the_engine_reads_them()
    {
        var description = new ModelDescription(
            [1, 8, 8],
            [
                new Application.Training.Layers.MaxPool2dLayer(2, 2),
                new Application.Training.Layers.LayerNormLayer([1, 4, 4]),
                new Application.Training.Layers.FlattenLayer(),
                new Application.Training.Layers.LinearLayer(16, 2),
            ]) { Init = "dcgan" };
        string json = ModelJson.Serialize(description);
        Assert.Contains("""{"type":"max_pool2d","kernel_size":2,"stride":2,"padding":0}""", json, StringComparison.Ordinal);
        Assert.Contains("""{"type":"layer_norm","normalized_shape":[1,4,4],""", json, StringComparison.Ordinal);
        Assert.EndsWith(""","init":"dcgan"}""", json, StringComparison.Ordinal);
        Assert.Equal(json, ModelJson.Serialize(ModelJson.Deserialize(json)));
        string generator = ModelJson.Serialize(DcganModels.Generator());
        Assert.Contains("\"init\":\"dcgan\"", generator, StringComparison.Ordinal);
        Assert.Equal(generator, ModelJson.Serialize(ModelJson.Deserialize(generator)));

        using var model = Engine.Trainer.CreateModel(description, TrainingDevice.Cpu);
        Assert.Equal(2, model.OutputSize);
        using var embedding = Engine.Trainer.CreateModel(
            """{"input_shape":[3],"layers":[{"type":"embedding","num_embeddings":10,"embedding_dim":4},{"type":"flatten"}]}""", TrainingDevice.Cpu);
        Assert.Equal(12, embedding.OutputSize);
        Assert.Equal(embedding.Forward([1, 2, 3]).Take(4), embedding.Forward([1, 9, 9]).Take(4)); // id 1 -> the same row
        using var oneHot = Engine.Trainer.CreateModel(
            ModelJson.Serialize(new ModelDescription([2], [new Application.Training.Layers.OneHotLayer(3), new Application.Training.Layers.FlattenLayer()])),
            TrainingDevice.Cpu);
        Assert.Equal([0f, 0, 1, 1, 0, 0], oneHot.Forward([2, 0]));
    }

    [Fact]
    public void Per_layer_initialisers_apply_and_bad_ones_name_the_field()
    {
        using var constant = Engine.Trainer.CreateModel(
            """{"input_shape":[2],"layers":[{"type":"linear","in_features":2,"out_features":1,"weight_init":{"type":"constant","value":0.5},"bias_init":{"type":"zeros"}}]}""",
            TrainingDevice.Cpu);
        Assert.Equal([1.5f], constant.Forward([1, 2]));
        var ex = Assert.ThrowsAny<TrainingEngineException>(() => Engine.Trainer.CreateModel(
            """{"input_shape":[2],"layers":[{"type":"linear","in_features":2,"out_features":1,"bias":false,"bias_init":{"type":"zeros"}}]}""", TrainingDevice.Cpu));
        Assert.Contains("layers[0].bias_init", ex.Message, StringComparison.Ordinal);
        ex = Assert.ThrowsAny<TrainingEngineException>(() => Engine.Trainer.CreateModel(
            """{"input_shape":[2],"layers":[{"type":"linear","in_features":2,"out_features":1,"weight_init":{"type":"orthogonal"}}]}""", TrainingDevice.Cpu));
        Assert.Contains("layers[0].weight_init.type", ex.Message, StringComparison.Ordinal);
        ex = Assert.ThrowsAny<TrainingEngineException>(() => Engine.Trainer.CreateModel(
            """{"input_shape":[2],"init":"xavier","layers":[{"type":"linear","in_features":2,"out_features":1}]}""", TrainingDevice.Cpu));
        Assert.Contains("init", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_layer_type_is_a_json_error()
    {
        Assert.ThrowsAny<JsonException>(() => ModelJson.Deserialize("""{"input_shape":[4],"layers":[{"type":"lstm"}]}"""));
    }
}
