namespace DigitForge.Application.Training;

/// <summary>Which code computes the gradients on the CPU.</summary>
public enum TrainingImplementation
{
    /// <summary>
    /// The engine's hand-written forward and backward pass for models of linear, conv1d, activation, view and residual
    /// layers on the CPU (a few BLAS calls per step instead of ~30 libtorch ops); everything else through libtorch's
    /// autograd. Results agree with <see cref="Torch"/> to rounding.
    /// </summary>
    Auto,

    /// <summary>Always libtorch's autograd (the reference the hand-written path is tested against).</summary>
    Torch,
}
