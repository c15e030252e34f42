namespace DigitForge.Application.Training.Layers;

/// <summary>torch.nn.Embedding: integer ids (held as floats, [rows] or [rows, n]) to learnt vectors.</summary>
public sealed record EmbeddingLayer(int NumEmbeddings, int EmbeddingDim) : LayerDescription;

/// <summary>One-hot encoding of integer class ids (held as floats) into <paramref name="NumClasses"/> floats.</summary>
public sealed record OneHotLayer(int NumClasses) : LayerDescription;
