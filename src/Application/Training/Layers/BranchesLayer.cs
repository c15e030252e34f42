namespace DigitForge.Application.Training.Layers;

/// <summary>
/// Parallel sub-sequences of layers on the same input, merged: <see cref="BranchMerge.Concat"/> along the channel
/// dimension (torchvision Inception's Mixed blocks), <see cref="BranchMerge.Sum"/> element-wise (a ResNet block with a
/// projection shortcut: body and shortcut as two branches). At least two branches; a branch may hold branches.
/// </summary>
public sealed record BranchesLayer(IReadOnlyList<IReadOnlyList<LayerDescription>> Branches, BranchMerge Merge = BranchMerge.Concat) : LayerDescription;

/// <summary>How <see cref="BranchesLayer"/> joins its branches' outputs.</summary>
public enum BranchMerge
{
    /// <summary>torch.cat along dimension 1 (channels); the other dimensions must agree.</summary>
    Concat,

    /// <summary>Element-wise sum; the shapes must agree.</summary>
    Sum,
}
