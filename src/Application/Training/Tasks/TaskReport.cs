namespace DigitForge.Application.Training.Tasks;

/// <param name="Updates">Optimiser steps of the main optimiser (the generator's for a GAN).</param>
/// <param name="Epochs">Completed passes over the training data.</param>
/// <param name="Fused">A hand-written CPU path ran instead of libtorch autograd.</param>
public sealed record TaskReport(long Updates, long Epochs, TimeSpan Elapsed, TimeSpan CpuTime, int Threads, bool Fused);
