// Adam, AdamW and SGD over one flat buffer: the parameters become views into a single tensor and their gradients
// views into another, so an update is a handful of ops on one tensor instead of a handful per parameter (the
// per-op overhead dominates small models). Element by element the arithmetic is libtorch's torch::optim (1.13), so
// results are the same bit for bit.
#pragma once

#include <torch/types.h>

#include <string>
#include <vector>

namespace digitforge {

struct OptimizerSettings {
  std::string kind = "adam";  // adam | adamw | sgd
  double learning_rate = 1e-3;
  double weight_decay = 0;
  double momentum = 0;  // sgd
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps = 1e-8;
};

// How libtorch's CPU kernels round a * b + c in add(b, alpha) and addcmul: once (FMA), twice, or not consistently.
enum class KernelFma { Fused, Plain, Mixed };

class FlatOptimizer {
 public:
  // Re-points every parameter (same dtype and device) into the flat buffers; they stay valid views afterwards.
  FlatOptimizer(std::vector<torch::Tensor> parameters, OptimizerSettings settings);

  void zero_grad();
  void step();
  void set_learning_rate(double rate) { settings_.learning_rate = rate; }
  // The step count and moment buffers, for checkpoints (undefined tensors before the first step).
  struct State {
    int64_t steps;
    torch::Tensor exp_avg;
    torch::Tensor exp_avg_sq;
  };
  State state() const { return {steps_, exp_avg_, exp_avg_sq_}; }
  void set_state(const State& state);  // copies; throws std::invalid_argument when the sizes do not fit

 private:
  // Float32 contiguous buffers on the CPU: the update as one loop (step_host), not libtorch ops.
  bool host_float() const;
  static KernelFma kernel_fma();  // probed once per process
  void step_host(bool fused);
  OptimizerSettings settings_;
  torch::Tensor flat_;
  torch::Tensor grad_;
  torch::Tensor exp_avg_;     // adam/adamw first moment, sgd momentum buffer
  torch::Tensor exp_avg_sq_;  // adam/adamw second moment
  int64_t steps_ = 0;
};

}  // namespace digitforge
