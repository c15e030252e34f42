using System.Text.Json.Serialization;

namespace DigitForge.Application.Training.Layers;

/// <summary>
/// One layer of a <see cref="ModelDescription"/>. The JSON form (snake_case, <c>"type"</c> first) is what the native
/// engine reads, e.g. <c>{"type":"linear","in_features":40,"out_features":10,"bias":true}</c>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(LinearLayer), "linear")]
[JsonDerivedType(typeof(Conv1dLayer), "conv1d")]
[JsonDerivedType(typeof(Conv2dLayer), "conv2d")]
[JsonDerivedType(typeof(ConvTranspose2dLayer), "conv_transpose2d")]
[JsonDerivedType(typeof(BatchNorm1dLayer), "batch_norm1d")]
[JsonDerivedType(typeof(BatchNorm2dLayer), "batch_norm2d")]
[JsonDerivedType(typeof(LayerNormLayer), "layer_norm")]
[JsonDerivedType(typeof(MaxPool2dLayer), "max_pool2d")]
[JsonDerivedType(typeof(AvgPool2dLayer), "avg_pool2d")]
[JsonDerivedType(typeof(AdaptiveAvgPool2dLayer), "adaptive_avg_pool2d")]
[JsonDerivedType(typeof(EmbeddingLayer), "embedding")]
[JsonDerivedType(typeof(OneHotLayer), "one_hot")]
[JsonDerivedType(typeof(GruLayer), "gru")]
[JsonDerivedType(typeof(ReluLayer), "relu")]
[JsonDerivedType(typeof(LeakyReluLayer), "leaky_relu")]
[JsonDerivedType(typeof(TanhLayer), "tanh")]
[JsonDerivedType(typeof(SigmoidLayer), "sigmoid")]
[JsonDerivedType(typeof(DropoutLayer), "dropout")]
[JsonDerivedType(typeof(FlattenLayer), "flatten")]
[JsonDerivedType(typeof(ResidualLayer), "residual")]
[JsonDerivedType(typeof(BranchesLayer), "branches")]
[JsonDerivedType(typeof(ReshapeLayer), "reshape")]
[JsonDerivedType(typeof(UnsqueezeLayer), "unsqueeze")]
[JsonDerivedType(typeof(RandomEffectsLayer), "random_effects")]
[JsonDerivedType(typeof(FidInceptionV3Layer), "fid_inception_v3")]
public abstract record LayerDescription;
